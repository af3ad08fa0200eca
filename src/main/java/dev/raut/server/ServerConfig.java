package dev.raut.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * How {@link RautServer} listens and what it answers.
 *
 * @param host address to bind; loopback unless the user asks otherwise
 * @param port port to bind, 0 for any free port
 * @param prediction what {@code POST /prediction} answers
 * @param classifier card (.json) or .onnx of the user's classifier, or null; required by {@link PredictionTask#CLASSIFIER}
 * @param maxUploadBytes largest image accepted, per image
 * @param token bearer token every endpoint but {@code /health} requires, or null for none
 * @param workers images analysed at the same time
 * @param queueCapacity requests allowed to wait for a worker; beyond that the server answers 503
 * @param emotionModel card of a face-scope classifier that reads emotions instead of the built-in model, or null
 */
public record ServerConfig(
    String host, int port, PredictionTask prediction, String classifier, long maxUploadBytes, String token, int workers,
    int queueCapacity, String emotionModel) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 5000;
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L * 1024 * 1024;
  /** Multipart parts are kept in memory (an int in the servlet API), so one image stays below 1 GiB. */
  public static final long MAX_UPLOAD_LIMIT_BYTES = 1L << 30;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(prediction, "prediction");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("The port must be between 0 and 65535, not " + port);
    }
    if (maxUploadBytes <= 0 || maxUploadBytes > MAX_UPLOAD_LIMIT_BYTES) {
      throw new IllegalArgumentException("The upload limit must be between 1 byte and 1 GB, not " + maxUploadBytes);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("At least one worker thread is needed, not " + workers);
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("The queue capacity cannot be negative: " + queueCapacity);
    }
    if (prediction == PredictionTask.CLASSIFIER && classifier == null) {
      throw new IllegalArgumentException("Predicting with a classifier needs the classifier's card or .onnx file");
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("The token cannot be blank");
    }
  }

  /** Loopback, port 5000, top object label, 10 MB uploads, no token, one worker per core, four waiting per worker. */
  public ServerConfig(String host, int port, PredictionTask prediction, String classifier, long maxUploadBytes,
      String token, int workers, int queueCapacity) {
    this(host, port, prediction, classifier, maxUploadBytes, token, workers, queueCapacity, null);
  }

  public static ServerConfig defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, PredictionTask.OBJECTS, null, DEFAULT_MAX_UPLOAD_BYTES, null,
        cores, 4 * cores, null);
  }

  public ServerConfig withHost(String newHost) {
    return new ServerConfig(newHost, port, prediction, classifier, maxUploadBytes, token, workers, queueCapacity, emotionModel);
  }

  public ServerConfig withPort(int newPort) {
    return new ServerConfig(host, newPort, prediction, classifier, maxUploadBytes, token, workers, queueCapacity, emotionModel);
  }

  public ServerConfig withPrediction(PredictionTask task) {
    return new ServerConfig(host, port, task, classifier, maxUploadBytes, token, workers, queueCapacity, emotionModel);
  }

  /** Uses the classifier for {@code /prediction} and offers it to {@code /v1/analyze}. */
  public ServerConfig withClassifier(String cardOrOnnx) {
    return new ServerConfig(host, port, PredictionTask.CLASSIFIER, cardOrOnnx, maxUploadBytes, token, workers,
        queueCapacity, emotionModel);
  }

  public ServerConfig withMaxUploadBytes(long bytes) {
    return new ServerConfig(host, port, prediction, classifier, bytes, token, workers, queueCapacity, emotionModel);
  }

  public ServerConfig withToken(String newToken) {
    return new ServerConfig(host, port, prediction, classifier, maxUploadBytes, newToken, workers, queueCapacity, emotionModel);
  }

  public ServerConfig withWorkers(int newWorkers, int newQueueCapacity) {
    return new ServerConfig(host, port, prediction, classifier, maxUploadBytes, token, newWorkers, newQueueCapacity, emotionModel);
  }

  /** Faces' emotions read by a user's face-scope classifier (its card), or by the built-in model when null. */
  public ServerConfig withEmotionModel(String card) {
    return new ServerConfig(host, port, prediction, classifier, maxUploadBytes, token, workers, queueCapacity, card);
  }

  /** True when the host is reachable from other machines (anything but a loopback address). */
  public boolean exposedBeyondLoopback() {
    try {
      return !InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return true;
    }
  }
}
