package dev.raut.spark;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import dev.raut.core.classify.ClassifierCards;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.model.ModelStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.util.LongAccumulator;

/**
 * One Raut engine per executor JVM, loaded by the first task that needs it and shared by every task
 * after it (tasks are threads of one executor): models are read and checked once per executor, not
 * once per task or photo. The engine is closed when the JVM exits.
 */
final class ExecutorEngine {
  /** By model folder ("" for the default cache): a JVM normally only ever sees one. */
  private static final Map<String, Analyzer> ANALYZERS = new ConcurrentHashMap<>();
  /** Classifier cards whose model file was checked against its recorded SHA-256 in this JVM. */
  private static final Set<String> CHECKED_CARDS = ConcurrentHashMap.newKeySet();
  static final ImageDecoder DECODER = new ImageDecoder();

  private ExecutorEngine() {}

  /** This JVM's analyzer, and the request with its model files found where spark-submit put them. */
  record Ready(Analyzer analyzer, AnalysisRequest request) {}

  /**
   * The analyzer of this JVM for models in {@code modelsDir} (null: the default cache), ready for
   * {@code asked}; {@code loaded} counts engines opened, one per executor.
   */
  static Ready prepare(String modelsDir, AnalysisRequest asked, LongAccumulator loaded) {
    String models = ShippedFiles.locate(modelsDir);
    AnalysisRequest request = asked.withClassifier(ShippedFiles.locate(asked.classifier()))
        .withEmotionModel(ShippedFiles.locate(asked.emotionModel()));
    Analyzer analyzer = ANALYZERS.computeIfAbsent(models == null ? "" : models, dir -> {
      // every artifact is checked against its card's SHA-256 when it loads, as in the app
      ModelStore store = dir.isEmpty() ? ModelStore.defaultStore() : new ModelStore(Path.of(dir));
      Engine engine = new Engine(store, ModelCatalog.defaults(), 1);
      Runtime.getRuntime().addShutdownHook(new Thread(engine::close, "raut-engine-close"));
      loaded.add(1);
      return new Analyzer(engine, DECODER);
    });
    for (String card : new String[] {request.classifier(), request.emotionModel()}) {
      if (card != null && !CHECKED_CARDS.contains(card)) {
        ClassifierCards.checkRecordedHash(Path.of(card));
        CHECKED_CARDS.add(card);
      }
    }
    analyzer.engine().warmUp(request);
    return new Ready(analyzer, request);
  }
}
