package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import io.javalin.Javalin;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads are analysed in memory: while photos are posted nothing is created in java.io.tmpdir
 * (where Jetty would spool multipart parts). The JVM's temporary folder is pointed at a fresh one
 * for this class, and an inotify watch sees even files that are created and deleted at once; the
 * second test shows the watch does see Jetty spooling under Javalin's default multipart settings.
 */
class NoDiskWritesTest {
  private static String originalTmp;
  private static Path tmp;
  private static Engine engine;
  private static RautServer server;
  private static Http http;

  @BeforeAll
  static void start() throws IOException {
    originalTmp = System.getProperty("java.io.tmpdir");
    tmp = Files.createTempDirectory("raut-server-tmp");
    System.setProperty("java.io.tmpdir", tmp.toString());
    engine = Engine.openDefault();
    server = new RautServer(new Analyzer(engine));
    http = new Http(server.start(ServerConfig.defaults().withPort(0).withWorkers(2, 8)));
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.stop();
    }
    if (engine != null) {
      engine.close();
    }
    System.setProperty("java.io.tmpdir", originalTmp);
    try (Stream<Path> files = Files.walk(tmp)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void uploadsNeverTouchTheDisk() throws Exception {
    byte[] jpeg = TestPhotos.bytes(TestPhotos.sample(6));
    byte[] noise = new byte[6 * 1024 * 1024];
    new Random(6).nextBytes(noise);
    byte[] png = reencoded(jpeg, "png");
    byte[] gif = reencoded(jpeg, "gif");
    List<String> created = createdWhile(() -> {
      assertThat(http.post("/prediction", new MultipartBody().file("image", "sample6.jpg", "image/jpeg", jpeg)).statusCode())
          .isEqualTo(200);
      assertThat(http.post("/v1/analyze", new MultipartBody()
          .file("image", "sample6.jpg", "image/jpeg", jpeg)
          .file("image", "sample6.png", "image/png", png)
          .file("image", "sample6.gif", "image/gif", gif)).statusCode()).isEqualTo(200);
      // 6 MB in one part: far beyond anything a default multipart setup keeps in memory
      assertThat(http.post("/prediction", new MultipartBody().file("image", "noise.jpg", "image/jpeg", noise)).statusCode())
          .isEqualTo(400);
    });
    assertThat(created).as("files created in java.io.tmpdir during uploads").isEmpty();
  }

  @Test
  void theWatchSeesJettySpoolingUnderDefaultMultipartSettings() throws Exception {
    Javalin spooling = Javalin.create(cfg -> {
      cfg.startup.showJavalinBanner = false;
      cfg.routes.post("/upload", ctx -> ctx.result(String.valueOf(ctx.uploadedFiles("image").size())));
    }).start("127.0.0.1", 0);
    try {
      Http client = new Http(URI.create("http://127.0.0.1:" + spooling.port() + "/"));
      List<String> created = createdWhile(() -> assertThat(client.post("/upload",
          new MultipartBody().file("image", "sample6.jpg", "image/jpeg", TestPhotos.bytes(TestPhotos.sample(6)))).body())
          .isEqualTo("1"));
      assertThat(created).isNotEmpty();
    } finally {
      spooling.stop();
    }
  }

  /** Names of everything created anywhere under the temporary folder while {@code action} runs. */
  private static List<String> createdWhile(ThrowingRunnable action) throws Exception {
    try (WatchService watch = FileSystems.getDefault().newWatchService()) {
      try (Stream<Path> dirs = Files.walk(tmp)) {
        for (Path dir : dirs.filter(Files::isDirectory).toList()) {
          dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        }
      }
      action.run();
      List<String> created = new ArrayList<>();
      WatchKey key;
      while ((key = watch.poll(500, TimeUnit.MILLISECONDS)) != null) {
        for (WatchEvent<?> event : key.pollEvents()) {
          created.add(event.kind().name() + " " + event.context());
        }
        key.reset();
      }
      return created;
    }
  }

  private static byte[] reencoded(byte[] jpeg, String format) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface ThrowingRunnable {
    void run() throws Exception;
  }
}
