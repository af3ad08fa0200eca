package dev.raut.core.camera;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.AnalysisService;
import dev.raut.core.analysis.Engine;
import dev.raut.core.emotion.EmotionModel;
import dev.raut.core.emotion.EmotionViews;
import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.face.FaceDetector;
import dev.raut.core.geometry.Box;
import dev.raut.core.image.OpenCvNative;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The live figures: analysis frames/s and per-stage ms at 640x480 and 1280x720 with 1 and 4 faces,
 * capture→result latency through the pipeline, and a soak run with RSS at start and end. Frames are
 * cut from the registry's sample photos. Run (see docs/live.md):
 *
 * <pre>mvn -q -B -Draut.skipFetch=true test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="-Xmx512m -cp %classpath dev.raut.core.camera.LiveBenchmark --runs 3 --soak-frames 20000"</pre>
 *
 * Wall-clock rates depend on what else the machine runs; the CPU figures (thread CPU time per
 * analysed frame, process CPU time per pipeline frame) show the cost itself. Options: --runs N,
 * --iterations N (analysis calls per run), --pipeline-frames N, --soak-frames N (0 skips the soak,
 * which needs the 640x480x1 configuration), --configs 640x480x1,1280x720x4 (WIDTHxHEIGHTxFACES),
 * --emotion-model mini-xception|face-expression|blend (default: what Live runs), --busy-photos FOLDER (the
 * 30 fps run once more for 640x480 with one face, while a gallery's lane keeps both analysis threads busy
 * with FOLDER's photos, as when the gallery works through a big drop during a live session).
 * {@code --write-clip DIR} measures nothing: it writes the 640x480 one-face clip ({@code DIR/clip.avi},
 * Motion-JPEG, 300 frames at 30 fps) and its frames as JPEGs read back from it ({@code DIR/frames/}),
 * for {@code scripts/live-vs-peer.sh}.
 */
public final class LiveBenchmark {
  /** The service the pipelines run on (set in main). */
  private static AnalysisService analysisService;

  private LiveBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = intArg(args, "--runs", 3);
    int soakFrames = intArg(args, "--soak-frames", 20_000);
    int iterations = intArg(args, "--iterations", 1000);
    int pipelineFrames = intArg(args, "--pipeline-frames", 2000);
    OpenCvNative.ensureLoaded();
    Path work = Files.createTempDirectory("raut-bench");
    AnalysisRequest request = AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.FRONT);
    String model = stringArg(args, "--emotion-model", "");
    if (!model.isEmpty()) {
      request = request.withBuiltInEmotion(EmotionModel.find(model));
    }
    System.out.printf(Locale.ROOT, "cores: %d, runs: %d (medians shown), detector: front, emotion model: %s%n",
        Runtime.getRuntime().availableProcessors(), runs, request.emotionChoiceForVideo().id());
    // as the app runs it: the frames on an analysis service's threads (one per core)
    try (AnalysisService service = AnalysisService.over(Analyzer.forLiveVideo(Engine.openDefault()),
        Runtime.getRuntime().availableProcessors())) {
      analysisService = service;
      Analyzer analyzer = service.analyzer().join();
      Engine engine = analyzer.engine();
      engine.warmUp(request);
      List<Mat> faceCrops = faceCrops(engine);
      String clip = stringArg(args, "--write-clip", "");
      if (!clip.isEmpty()) {
        writeClip(Path.of(clip), frameWithFaces(analyzer, faceCrops, request, 1, 640, 480));
        LiveFixtures.release(faceCrops);
        return;
      }
      String configs = stringArg(args, "--configs", "640x480x1,640x480x4,1280x720x1,1280x720x4");
      Path oneFaceVideo = null;
      for (String config : configs.split(",")) {
        String[] parts = config.trim().split("x");
        int[] size = {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        int faces = Integer.parseInt(parts[2]);
        Mat frame = frameWithFaces(analyzer, faceCrops, request, faces, size[0], size[1]);
        int found = analyzer.analyzeFrame(frame, "bench", size[0], size[1], request).faces().size();
        double[] stage = medianStages(analyzer, engine, frame, request, iterations, runs);
        System.out.printf(Locale.ROOT,
            "analysis %4dx%-4d %d face(s) (found %d): %6.1f frames/s  total %.2f ms = detect %.2f + emotion %.2f"
                + " + rest %.2f; CPU %.2f ms/frame (%.0f frames/s per core)%n",
            size[0], size[1], faces, found, 1000 / stage[0], stage[0], stage[1], stage[2], stage[0] - stage[1] - stage[2],
            stage[3], 1000 / stage[3]);
        Path video = work.resolve("bench-" + size[0] + "-" + faces + ".avi");
        LiveFixtures.writeMjpegAvi(video, List.of(frame), 300, 30);
        if (size[0] == 640 && faces == 1) {
          oneFaceVideo = video;
        }
        double[] max = medianPipeline(analyzer, video, request, Pace.MAX, pipelineFrames, runs);
        double[] paced = medianPipeline(analyzer, video, request, Pace.NATIVE, 150, runs);
        System.out.printf(Locale.ROOT,
            "pipeline %4dx%-4d %d face(s): max pace %6.1f analysed/s, latency p50 %.1f p95 %.1f ms,"
                + " process CPU %.2f ms per analysed frame; 30 fps camera pace latency p50 %.1f p95 %.1f ms%n",
            size[0], size[1], faces, max[0], max[1], max[2], max[3], paced[1], paced[2]);
        String busyPhotos = stringArg(args, "--busy-photos", "");
        if (!busyPhotos.isEmpty() && size[0] == 640 && faces == 1) {
          withGalleryBusy(analyzer, video, request, Path.of(busyPhotos), runs);
        }
        frame.release();
      }
      LiveFixtures.release(faceCrops);
      if (soakFrames > 0 && oneFaceVideo != null) {
        soak(analyzer, oneFaceVideo, request, soakFrames);
      }
    }
  }

  /** Median over runs of: ms per frame, ms detecting, ms classifying emotions. */
  private static double[] medianStages(Analyzer analyzer, Engine engine, Mat frame, AnalysisRequest request,
      int iterations, int runs) {
    FaceDetector detector = engine.faceDetector(DetectorChoice.FRONT);
    double[] total = new double[runs];
    double[] detect = new double[runs];
    double[] emotion = new double[runs];
    double[] cpu = new double[runs];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int r = 0; r < runs; r++) {
      for (int i = 0; i < 100; i++) {
        analyzer.analyzeFrame(frame, "bench", frame.cols(), frame.rows(), request);
      }
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      for (int i = 0; i < iterations; i++) {
        analyzer.analyzeFrame(frame, "bench", frame.cols(), frame.rows(), request);
      }
      long t1 = System.nanoTime();
      cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e6 / iterations;
      List<DetectedFace> faces = null;
      for (int i = 0; i < iterations; i++) {
        faces = detector.detect(frame);
      }
      long t2 = System.nanoTime();
      // the network Live reads emotions with (Analyzer.forLiveVideo: one view per face)
      EmotionModel choice = request.emotionChoiceForVideo();
      for (int i = 0; i < iterations; i++) {
        if (choice != EmotionModel.FACE_EXPRESSION) {
          engine.emotion().classify(frame, faces, FaceCrop.DETECTED_FACE, EmotionViews.SINGLE);
        }
        if (choice != EmotionModel.MINI_XCEPTION) {
          engine.faceExpression().classify(frame, faces, Engine.FACE_NETWORK_CROP, EmotionViews.SINGLE);
        }
      }
      long t3 = System.nanoTime();
      total[r] = (t1 - t0) / 1e6 / iterations;
      detect[r] = (t2 - t1) / 1e6 / iterations;
      emotion[r] = (t3 - t2) / 1e6 / iterations;
    }
    return new double[] {median(total), median(detect), median(emotion), median(cpu)};
  }

  /** Median over runs of: analysed frames/s, latency p50, latency p95. */
  /** A frame of the first set of sample faces the detector finds all of at this size. */
  private static Mat frameWithFaces(Analyzer analyzer, List<Mat> faceCrops, AnalysisRequest request, int faces,
      int width, int height) {
    Mat frame = null;
    int found = 0;
    for (int first = 0; first + faces <= faceCrops.size() && found != faces; first++) {
      if (frame != null) {
        frame.release();
      }
      frame = composeFrame(faceCrops.subList(first, first + faces), faces, width, height);
      found = analyzer.analyzeFrame(frame, "bench", width, height, request).faces().size();
    }
    return frame;
  }

  /** The clip and the same frames as JPEG files, decoded from the clip and encoded at quality 95. */
  private static void writeClip(Path dir, Mat frame) throws IOException {
    Path frames = Files.createDirectories(dir.resolve("frames"));
    Path video = LiveFixtures.writeMjpegAvi(dir.resolve("clip.avi"), List.of(frame), 300, 30);
    frame.release();
    org.opencv.videoio.VideoCapture capture = new org.opencv.videoio.VideoCapture(video.toString(),
        org.opencv.videoio.Videoio.CAP_OPENCV_MJPEG);
    Mat read = new Mat();
    int n = 0;
    try {
      while (capture.read(read)) {
        org.opencv.imgcodecs.Imgcodecs.imwrite(frames.resolve(String.format(Locale.ROOT, "frame-%04d.jpg", n++)).toString(),
            read, new org.opencv.core.MatOfInt(org.opencv.imgcodecs.Imgcodecs.IMWRITE_JPEG_QUALITY, 95));
      }
    } finally {
      read.release();
      capture.release();
    }
    System.out.printf(Locale.ROOT, "wrote %s and %d frames in %s%n", video, n, frames);
  }

  /** The 30 fps run while a "pages" lane has far more photos queued than it can analyse meanwhile. */
  private static void withGalleryBusy(Analyzer analyzer, Path video, AnalysisRequest request, Path folder, int runs)
      throws Exception {
    List<Path> photos = dev.raut.core.image.ImageFiles.expand(List.of(folder));
    Analyzer gallery = new Analyzer(analyzer.engine());
    java.util.concurrent.ExecutorService pages = analysisService.lane("pages");
    double[] p50 = new double[runs];
    double[] p95 = new double[runs];
    double[] galleryRate = new double[runs];
    long[] missed = new long[runs];
    for (int r = 0; r < runs; r++) {
      java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
      for (int i = 0; i < 10_000; i++) {
        Path photo = photos.get(i % photos.size());
        pages.execute(() -> {
          if (!stop.get()) {
            gallery.analyze(photo, AnalysisRequest.facesAndEmotions());
            done.incrementAndGet();
          }
        });
      }
      long start = System.nanoTime();
      LiveStats s = runPipeline(analyzer, video, request, Pace.NATIVE, 300);
      galleryRate[r] = done.get() / ((System.nanoTime() - start) / 1e9);
      stop.set(true); // the rest of the queue drains at once
      p50[r] = s.latencyMsP50();
      p95[r] = s.latencyMsP95();
      missed[r] = s.framesCaptured() - s.framesAnalysed();
    }
    System.out.printf(Locale.ROOT, "pipeline  640x480  1 face(s), 30 fps camera pace with the gallery busy (%d photos of %s"
            + " in a lane): latency p50 %.1f p95 %.1f ms, frames not analysed per 300 %s, gallery %.1f photos/s%n",
        photos.size(), folder.getFileName(), median(p50), median(p95), java.util.Arrays.toString(missed), median(galleryRate));
  }

  private static double[] medianPipeline(Analyzer analyzer, Path video, AnalysisRequest request, Pace pace, int frames,
      int runs) throws Exception {
    double[] fps = new double[runs];
    double[] p50 = new double[runs];
    double[] p95 = new double[runs];
    double[] cpu = new double[runs];
    for (int r = 0; r < runs; r++) {
      long cpu0 = processCpuNanos();
      LiveStats s = runPipeline(analyzer, video, request, pace, frames);
      cpu[r] = (processCpuNanos() - cpu0) / 1e6 / Math.max(1, s.framesAnalysed());
      fps[r] = s.runAnalysisFps();
      p50[r] = s.latencyMsP50();
      p95[r] = s.latencyMsP95();
    }
    return new double[] {median(fps), median(p50), median(p95), median(cpu)};
  }

  private static LiveStats runPipeline(Analyzer analyzer, Path video, AnalysisRequest request, Pace pace, long frames)
      throws Exception {
    try (LivePipeline pipeline = new LivePipeline(analyzer, new VideoFileSource(video, true), request,
        LiveOptions.defaults().withPace(pace).withMaxAnalysedFrames(frames), analysisService)) {
      pipeline.start();
      if (!pipeline.awaitFinished(Duration.ofMinutes(30))) {
        throw new IllegalStateException("pipeline did not finish");
      }
      return pipeline.stats();
    }
  }

  private static void soak(Analyzer analyzer, Path video, AnalysisRequest request, int frames) throws Exception {
    runPipeline(analyzer, video, request, Pace.MAX, 2000); // warm: JIT, allocator pools, ORT arenas
    System.gc();
    double rssStart = ProcessMemory.rssMb();
    long t0 = System.nanoTime();
    LiveStats s = runPipeline(analyzer, video, request, Pace.MAX, frames);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.gc();
    double rssEnd = ProcessMemory.rssMb();
    System.out.printf(Locale.ROOT,
        "soak 640x480 1 face: %d frames analysed in %.0f s (%.1f/s), latency p50 %.1f p95 %.1f ms,"
            + " RSS start %.1f MB end %.1f MB (%+.1f%%)%n",
        s.framesAnalysed(), seconds, s.runAnalysisFps(), s.latencyMsP50(), s.latencyMsP95(), rssStart, rssEnd,
        100 * (rssEnd - rssStart) / rssStart);
  }

  /** Single faces cut from the sample photos with room around them, largest faces first. */
  private static List<Mat> faceCrops(Engine engine) {
    List<Mat> crops = new ArrayList<>();
    FaceDetector finder = engine.faceDetector(DetectorChoice.BACK);
    FaceDetector front = engine.faceDetector(DetectorChoice.FRONT);
    for (Path photo : LiveFixtures.samplePhotos()) {
      Mat image = Imgcodecs.imread(photo.toString(), Imgcodecs.IMREAD_COLOR);
      List<DetectedFace> faces = new ArrayList<>(finder.detect(image));
      faces.sort(Comparator.comparingDouble((DetectedFace f) -> f.box().area()).reversed());
      for (DetectedFace face : faces) {
        Box b = face.box();
        double w = b.width() * 2.4;
        double h = w * 3 / 4;
        Rect r = new Rect((int) Math.round(b.centerX() - w / 2), (int) Math.round(b.centerY() - h / 2),
            (int) Math.round(w), (int) Math.round(h));
        if (r.x < 0 || r.y < 0 || r.x + r.width > image.cols() || r.y + r.height > image.rows()) {
          continue;
        }
        Mat crop = new Mat();
        Imgproc.resize(image.submat(r), crop, new Size(640, 480), 0, 0, Imgproc.INTER_AREA);
        if (front.detect(crop).size() == 1) {
          crops.add(crop);
        } else {
          crop.release();
        }
      }
      image.release();
    }
    if (crops.size() < 4) {
      throw new IllegalStateException("only " + crops.size() + " single-face crops found in the samples");
    }
    return crops;
  }

  /** One face filling the frame, or a 2x2 grid of four different faces. */
  private static Mat composeFrame(List<Mat> crops, int faces, int width, int height) {
    Mat frame = Mat.zeros(height, width, CvType.CV_8UC3);
    int cells = faces == 1 ? 1 : 2;
    int cw = width / cells;
    int ch = height / cells;
    for (int i = 0; i < faces; i++) {
      Mat cell = frame.submat(new Rect((i % cells) * cw, (i / cells) * ch, cw, ch));
      Mat crop = crops.get(i);
      // fit the 4:3 crop into the cell, keeping its shape
      double scale = Math.min((double) cw / crop.cols(), (double) ch / crop.rows());
      int w = (int) (crop.cols() * scale);
      int h = (int) (crop.rows() * scale);
      Mat target = cell.submat(new Rect((cw - w) / 2, (ch - h) / 2, w, h));
      Imgproc.resize(crop, target, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
      target.release();
      cell.release();
    }
    return frame;
  }

  /** CPU time of the whole process (capture, decode, analysis, JIT, GC): what the pipeline costs the machine. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
