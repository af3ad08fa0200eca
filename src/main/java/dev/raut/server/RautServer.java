package dev.raut.server;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.analysis.ResultJson;
import dev.raut.core.classify.ClassifierLibrary;
import dev.raut.core.model.ModelCatalog;
import dev.raut.core.text.Language;
import dev.raut.core.text.Problem;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local prediction server: a thin HTTP door (Javalin on Jetty) over the same {@link Analyzer}
 * the CLI and the app use. {@code POST /prediction} speaks the research's Flask API,
 * {@code POST /v1/analyze} answers the CLI's JSON schema, {@code GET /} is the web page for
 * browsers. Start and stop it as often as needed (the app's "Serve on localhost" toggle); the
 * caller keeps owning the engine.
 */
public final class RautServer implements AutoCloseable {
  static final String ROOT_MESSAGE = "Success fetching the API"; // not user text: the Flask API's fixed answer
  /** What the web page asks for until its user chooses otherwise; loaded before listening so the first photo is not slow. */
  static final AnalysisRequest WEB_PAGE_REQUEST =
      new AnalysisRequest(true, true, true, null, DetectorChoice.AUTO, AnalysisRequest.DEFAULT_OBJECT_THRESHOLD);
  private static final String WEB_RESOURCES = "/dev/raut/server/web";
  private static final long DRAIN_LIMIT_BYTES = 32L * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(RautServer.class);

  private final Analyzer analyzer;
  private final ModelCatalog catalog;
  /** An analysis service's threads, which the requests' analyses run on; null: threads of the server's own. */
  private final java.util.concurrent.ExecutorService analysisThreads;
  private Javalin app;
  private WorkQueue work;
  private URI url;

  public RautServer(Analyzer analyzer) {
    this(analyzer, ModelCatalog.defaults());
  }

  public RautServer(Analyzer analyzer, ModelCatalog catalog) {
    this(analyzer, catalog, null);
  }

  /**
   * On a door's analysis service: the requests' analyses run in a lane of its own on the service's
   * threads, taking turns with the door's other work (the app's gallery), at most {@code workers} at a time.
   */
  public RautServer(dev.raut.core.analysis.AnalysisService service) {
    this(service.analyzer().join(), ModelCatalog.defaults(), service.lane("server"));
  }

  private RautServer(Analyzer analyzer, ModelCatalog catalog, java.util.concurrent.ExecutorService analysisThreads) {
    this.analyzer = analyzer;
    this.catalog = catalog;
    this.analysisThreads = analysisThreads;
  }

  /**
   * Loads the models the configuration needs, then listens. Returns the URL it answers on (with
   * the actual port when {@code config.port()} is 0).
   *
   * @throws ServerStartException when the port is taken, the host is not ours, or a model cannot load
   * @throws IllegalStateException when it is already running
   */
  public synchronized URI start(ServerConfig config) {
    if (app != null) {
      throw new IllegalStateException("The server is already running at " + url);
    }
    Engine engine = analyzer.engine();
    ModelsInfo models;
    Map<String, String> imported = new LinkedHashMap<>();
    try {
      engine.warmUp(config.prediction().request(config.classifier(), config.emotionModel()));
      engine.warmUp(WEB_PAGE_REQUEST.withClassifier(config.classifier()).withEmotionModel(config.emotionModel()));
      // the library as it is now: what /v1/models lists is what /v1/analyze accepts by id
      List<ClassifierLibrary.Entry> library = ClassifierLibrary.defaultLibrary().list().stream()
          .filter(ClassifierLibrary.Entry::usable).toList();
      library.forEach(e -> imported.put(e.id(), e.card().toString()));
      models = ModelsInfo.of(engine, catalog, config, library);
    } catch (RuntimeException e) {
      throw new ServerStartException(Problem.of("server.modelsFailed", Problem.of(e)), e);
    }
    WorkQueue queue = new WorkQueue(analysisThreads, config.workers(), config.queueCapacity());
    Javalin created = Javalin.create(cfg -> configure(cfg, config, queue, models, imported, webPage()));
    try {
      created.start(config.host(), config.port());
    } catch (JavalinException e) {
      created.stop();
      queue.close();
      String reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
      throw new ServerStartException(Problem.of("server.cannotListen", config.host() + ":" + config.port(), reason), e);
    }
    app = created;
    work = queue;
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    url = URI.create("http://" + host + ":" + created.port() + "/");
    return url;
  }

  /** Stops listening and closes open connections (requests in progress get no answer). Does nothing when stopped. */
  public synchronized void stop() {
    if (app != null) {
      app.stop();
      work.close();
      app = null;
      work = null;
      url = null;
    }
  }

  public synchronized boolean isRunning() {
    return app != null;
  }

  /** The URL it answers on, or null when stopped. */
  public synchronized URI url() {
    return url;
  }

  @Override
  public void close() {
    stop();
  }

  private void configure(JavalinConfig cfg, ServerConfig config, WorkQueue work, ModelsInfo models,
      Map<String, String> imported, String page) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.http.prefer405over404 = true;
    cfg.jsonMapper(new JavalinJackson(ResultJson.mapper(), false));

    // Uploads stay in memory: a part may grow to the limit in memory and fails beyond it, so Jetty
    // never reaches its "spool to a temporary file" branch (its default keeps 1 byte in memory).
    Uploads uploads = new Uploads(config.maxUploadBytes());
    cfg.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxInMemoryFileSize((int) config.maxUploadBytes(), SizeUnit.BYTES);
    cfg.jetty.multipartConfig.maxTotalRequestSize(uploads.maxRequestBytes(AnalyzeHandler.MAX_IMAGES), SizeUnit.BYTES);

    cfg.staticFiles.add(files -> {
      files.hostedPath = "/web";
      files.directory = WEB_RESOURCES;
      files.location = Location.CLASSPATH;
    });

    Intake intake = new Intake(analyzer, uploads, work);
    AccessCheck access = new AccessCheck(config);
    cfg.routes.before(access::check);
    cfg.routes.get("/", ctx -> {
      if (wantsPage(ctx)) {
        ctx.html(page);
      } else {
        ctx.json(Envelope.ok(ROOT_MESSAGE, null));
      }
    });
    cfg.routes.post("/prediction", new PredictionHandler(intake, config.prediction(), config.classifier(),
        config.emotionModel()));
    cfg.routes.post("/v1/analyze", new AnalyzeHandler(intake, config.classifier(), imported, config.emotionModel()));
    cfg.routes.get("/v1/models", ctx -> ctx.json(Envelope.ok("Success Listing the Models", models))); // not user text: the Flask API's fixed answer
    cfg.routes.get("/texts", ctx -> ctx.json(WebTexts.of(RequestLanguage.of(ctx))));
    cfg.routes.get("/health", ctx -> ctx.json(Envelope.ok("OK", work.load())));

    cfg.routes.exception(ApiException.class, (e, ctx) -> {
      if (e.status() == 503) {
        ctx.header(Header.RETRY_AFTER, "1");
      }
      if (e.status() == 401) {
        // tells clients which scheme to use
        ctx.header(Header.WWW_AUTHENTICATE, "Bearer realm=\"raut\""); // not user text
      }
      refuseBody(ctx);
      ctx.status(e.status()).json(e.envelope(RequestLanguage.of(ctx)));
    });
    cfg.routes.exception(HttpResponseException.class, (e, ctx) -> {
      refuseBody(ctx);
      ctx.status(e.getStatus()).json(Envelope.error(e.getStatus(),
          ApiException.reasonPhrase(e.getStatus(), RequestLanguage.of(ctx))));
    });
    cfg.routes.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      refuseBody(ctx);
      ctx.status(500).json(Envelope.error(500, ApiException.reasonPhrase(500, RequestLanguage.of(ctx))));
    });
  }

  /**
   * A refused request's body may be unread (refused before reading, or an oversized part): read
   * and discard it, up to {@link #DRAIN_LIMIT_BYTES}, before answering. Closing a socket with
   * unread data makes the kernel reset the connection, and the client would lose the answer.
   * Beyond the limit the connection is closed after the answer instead.
   */
  private static void refuseBody(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    boolean chunked = ctx.header(Header.TRANSFER_ENCODING) != null;
    if ((declared <= 0 && !chunked) || "close".equals(ctx.res().getHeader(Header.CONNECTION))) {
      return;
    }
    if (declared > DRAIN_LIMIT_BYTES) {
      ctx.header(Header.CONNECTION, "close");
      return;
    }
    try (InputStream body = ctx.req().getInputStream()) {
      byte[] buffer = new byte[64 * 1024];
      long drained = 0;
      for (int n = body.read(buffer); n != -1; n = body.read(buffer)) {
        drained += n;
        if (drained > DRAIN_LIMIT_BYTES) {
          ctx.header(Header.CONNECTION, "close");
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      ctx.header(Header.CONNECTION, "close");
    }
  }

  /** A browser navigating to the server (Accept: text/html) gets the page; API clients get JSON. */
  static boolean wantsPage(Context ctx) {
    String accept = ctx.header(Header.ACCEPT);
    return accept != null && accept.contains("text/html");
  }

  private static String webPage() {
    try (InputStream in = RautServer.class.getResourceAsStream(WEB_RESOURCES + "/index.html")) {
      if (in == null) {
        throw new IllegalStateException("The web page is missing from the jar (" + WEB_RESOURCES + "/index.html)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
