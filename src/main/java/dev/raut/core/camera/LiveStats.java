package dev.raut.core.camera;

/**
 * The pipeline's numbers at one moment. {@code cameraFps} and {@code analysisFps} are rates over
 * the last two seconds; latency is capture → result (ms), over the run (total) and over the most
 * recent results (recent, for a HUD).
 */
public record LiveStats(
    long framesCaptured, long framesAnalysed, long framesDropped, double cameraFps, double analysisFps,
    double latencyMsP50, double latencyMsP95, double recentLatencyMsP50, double recentLatencyMsP95,
    double runAnalysisFps) {}
