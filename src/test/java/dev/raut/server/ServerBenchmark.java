package dev.raut.server;

import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.Engine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Requests/s and p50/p99 of {@code POST /v1/analyze} (faces and emotions) and {@code POST /prediction}
 * (top object) for a 640 × 480 photo with 1, 4 and 8 concurrent clients on loopback, and the
 * process's peak resident memory (server and load-generating client share the JVM; the committed
 * Java heap is printed beside it, the rest is native: ONNX Runtime, OpenCV, threads). Each
 * configuration is run RUNS times; the medians are printed last.
 *
 * <pre>
 * mvn -q -B -Draut.skipFetch=true test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
 *     -Dexec.args="-Xmx1g -cp %classpath dev.raut.server.ServerBenchmark 3 120"
 * </pre>
 * Arguments: runs (default 3), requests per configuration (default 120, split between the clients).
 */
public final class ServerBenchmark {
  private static final int[] CLIENTS = {1, 4, 8};

  private record Row(
      String endpoint, int clients, double requestsPerSecond, double p50, double p99, long peakRssMb, long heapMb) {}

  private ServerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int requests = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    int workers = Runtime.getRuntime().availableProcessors();
    byte[] photo = TestPhotos.photo640x480();
    MultipartBody body = new MultipartBody().file("image", "photo-640x480.jpg", "image/jpeg", photo);
    byte[] bytes = body.bytes();

    try (Engine engine = Engine.openDefault(); RautServer server = new RautServer(new Analyzer(engine));
        RssSampler rss = new RssSampler()) {
      URI url = server.start(ServerConfig.defaults().withPort(0).withWorkers(workers, 8));
      System.out.printf(Locale.ROOT, "server %s, %d workers, %d cores, photo 640x480 (%d bytes), %d requests per configuration%n",
          url, workers, Runtime.getRuntime().availableProcessors(), photo.length, requests);
      Function<String, HttpRequest> request = path -> HttpRequest.newBuilder(url.resolve(path))
          .timeout(Duration.ofSeconds(120)).header("Content-Type", body.contentType())
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
      // warm up the JIT and ONNX Runtime before measuring
      LoadRun.run(4, 10, Duration.ofMinutes(2), () -> request.apply("/v1/analyze"), answer -> true);
      LoadRun.run(4, 10, Duration.ofMinutes(2), () -> request.apply("/prediction"), answer -> true);

      Map<String, List<Row>> byConfiguration = new LinkedHashMap<>();
      for (int run = 1; run <= runs; run++) {
        for (String path : List.of("/v1/analyze", "/prediction")) {
          for (int clients : CLIENTS) {
            rss.resetPeak();
            LoadRun.Result result = LoadRun.run(clients, Math.max(1, requests / clients), Duration.ofMinutes(5),
                () -> request.apply(path), answer -> answer.startsWith("{\"status\":{\"code\":200"));
            if (result.errors() > 0) {
              throw new IllegalStateException(path + ": " + result.errors() + " errors, e.g. " + result.errorSamples());
            }
            Row row = new Row(path, clients, result.requestsPerSecond(), result.percentile(50), result.percentile(99),
                rss.peakMb(), heapCommittedMb());
            System.out.printf(Locale.ROOT, "run %d  %s  peak RSS %d MB (Java heap committed %d MB)%n", run,
                result.summary(path), row.peakRssMb(), row.heapMb());
            byConfiguration.computeIfAbsent(path + " " + clients, k -> new ArrayList<>()).add(row);
          }
        }
      }
      System.out.printf(Locale.ROOT, "%nmedians of %d runs%n| endpoint | clients | req/s | p50 ms | p99 ms | peak RSS MB | heap committed MB |%n"
          + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |%n", runs);
      for (List<Row> rows : byConfiguration.values()) {
        System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.0f | %.0f | %d | %d |%n", rows.get(0).endpoint(),
            rows.get(0).clients(), median(rows, Row::requestsPerSecond), median(rows, Row::p50), median(rows, Row::p99),
            Math.round(median(rows, r -> (double) r.peakRssMb())), Math.round(median(rows, r -> (double) r.heapMb())));
      }
    }
  }

  private static long heapCommittedMb() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024 * 1024);
  }

  private static double median(List<Row> rows, Function<Row, Double> value) {
    List<Double> values = rows.stream().map(value).sorted(Comparator.naturalOrder()).toList();
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  /** Samples this process's resident set size (Linux /proc) every 100 ms and keeps the peak. */
  private static final class RssSampler implements AutoCloseable {
    private final AtomicLong peakKb = new AtomicLong();
    private final Thread thread;

    RssSampler() {
      thread = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          peakKb.accumulateAndGet(currentKb(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "rss-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void resetPeak() {
      peakKb.set(currentKb());
    }

    long peakMb() {
      return peakKb.get() / 1024;
    }

    private static long currentKb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmRSS:")) {
            return Long.parseLong(line.replaceAll("\\D", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        return 0;
      }
      return 0;
    }

    @Override
    public void close() {
      thread.interrupt();
    }
  }
}
