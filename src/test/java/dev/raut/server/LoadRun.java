package dev.raut.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Concurrent clients sending requests to a loopback server, bounded in count and in time: each
 * client sends at most {@code requestsPerClient} requests and none starts after the deadline.
 */
final class LoadRun {
  /** What a run measured; latencies in milliseconds, sorted. */
  record Result(int clients, List<Double> latenciesMs, int errors, List<String> errorSamples, double seconds) {
    double percentile(double p) {
      if (latenciesMs.isEmpty()) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * latenciesMs.size()) - 1;
      return latenciesMs.get(Math.max(0, Math.min(latenciesMs.size() - 1, index)));
    }

    int requests() {
      return latenciesMs.size() + errors;
    }

    double requestsPerSecond() {
      return latenciesMs.size() / seconds;
    }

    String summary(String name) {
      return String.format(java.util.Locale.ROOT, "%-12s %d clients: %4d requests, %d errors, %6.1f req/s, p50 %6.1f ms, p99 %6.1f ms",
          name, clients, requests(), errors, requestsPerSecond(), percentile(50), percentile(99));
    }
  }

  private LoadRun() {}

  /** {@code valid} checks each 200 answer's body; a 200 with a wrong body counts as an error. */
  static Result run(int clients, int requestsPerClient, Duration limit, Supplier<HttpRequest> request,
      Predicate<String> valid) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    long deadline = System.nanoTime() + limit.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        running.add(pool.submit(() -> {
          for (int i = 0; i < requestsPerClient && System.nanoTime() < deadline; i++) {
            long sent = System.nanoTime();
            try {
              HttpResponse<String> response = client.send(request.get(), HttpResponse.BodyHandlers.ofString());
              if (response.statusCode() == 200 && valid.test(response.body())) {
                latencies.add((System.nanoTime() - sent) / 1e6);
              } else {
                errors.add(response.statusCode() + " " + response.body());
              }
            } catch (Exception e) {
              errors.add(e.toString());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(limit.toMillis() + 60_000, TimeUnit.MILLISECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Double> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    return new Result(clients, sorted, errors.size(), errors.stream().distinct().limit(3).toList(), seconds);
  }
}
