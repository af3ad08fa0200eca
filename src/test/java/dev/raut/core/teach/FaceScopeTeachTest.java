package dev.raut.core.teach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.face.FaceDetector;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.OpenCvNative;
import dev.raut.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Teaching on faces: the classes differ only in the faces (tinted red or blue), pasted onto large
 * backgrounds of random kinds that say nothing about the class. Taught on each photo's detected
 * face, the model must tell them apart; a photo without a face is skipped and said so.
 */
class FaceScopeTeachTest {
  private static Engine engine;

  @BeforeAll
  static void open() {
    OpenCvNative.ensureLoaded();
    engine = Engine.openDefault();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void teachesOnTheDetectedFacesAndSkipsAPhotoWithoutOne(@TempDir Path dir) throws Exception {
    FaceDetector detector = engine.faceDetector(DetectorChoice.AUTO);
    List<Mat> faces = sampleFaces(detector);
    assertThat(faces).hasSizeGreaterThanOrEqualTo(20);
    Path data = dir.resolve("data");
    Random random = new Random(5);
    for (String tint : List.of("red", "blue")) {
      Path folder = Files.createDirectories(data.resolve(tint));
      for (int i = 0; i < faces.size(); i++) {
        Mat photo = background(random);
        Mat face = tinted(faces.get(i), tint);
        int x = random.nextInt(photo.cols() - face.cols());
        int y = random.nextInt(photo.rows() - face.rows());
        face.copyTo(photo.submat(new Rect(x, y, face.cols(), face.rows())));
        Imgcodecs.imwrite(folder.resolve(tint + "_" + i + ".png").toString(), photo);
        photo.release();
        face.release();
      }
    }
    Mat empty = background(random);
    Imgcodecs.imwrite(data.resolve("red").resolve("no_face.png").toString(), empty);
    empty.release();
    faces.forEach(Mat::release);

    TeachingData teaching = TeachingData.read(data, 0.3, 3, () -> false);
    Teacher.Result result;
    try (OnnxEmbedder embedder = TeacherTest.tinyEmbedder()) {
      result = new Teacher(embedder, new EmbeddingCache(dir.resolve("cache")), detector)
          .teach(teaching, Teacher.Settings.defaults(), Teacher.Progress.none(), () -> false);
    }
    assertThat(result.skipped()).extracting(s -> s.photo().name()).containsExactly("red/no_face.png");
    assertThat(result.skipped()).allSatisfy(s -> assertThat(s.error().code()).isEqualTo("no_face"));
    // measured: 100% on the faces; the same photos taught whole reach 86% (the tint is part of the photo too)
    assertThat(result.testAccuracy()).as("held-out accuracy on faces, chance is 1/2").isGreaterThanOrEqualTo(0.92);
  }

  /** Every face BlazeFace finds in the six sample photos, cut with a margin and brought to 150 px. */
  private static List<Mat> sampleFaces(FaceDetector detector) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    List<Mat> faces = new ArrayList<>();
    for (Path sample : Samples.all()) {
      try (DecodedImage image = decoder.decode(sample, DecodeTarget.fullResolution())) {
        Mat bgr = image.mat();
        for (DetectedFace face : detector.detect(bgr)) {
          double side = Math.max(face.box().width(), face.box().height()) * 2.2;
          double cx = face.box().x() + face.box().width() / 2;
          double cy = face.box().y() + face.box().height() / 2;
          int x = (int) Math.max(0, cx - side / 2);
          int y = (int) Math.max(0, cy - side / 2);
          int w = (int) Math.min(bgr.cols() - x, side);
          int h = (int) Math.min(bgr.rows() - y, side);
          Mat cut = new Mat();
          Imgproc.resize(bgr.submat(new Rect(x, y, w, h)), cut, new Size(150, 150 * h / (double) w));
          faces.add(cut);
        }
      }
    }
    return faces;
  }

  /** 480 x 360 of colour noise of a random kind, whatever the class. */
  private static Mat background(Random random) {
    Mat photo = new Mat(360, 480, CvType.CV_8UC3);
    double[] mean = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
    Core.randn(photo, 0, 1);
    Core.randn(photo, random.nextInt(200), 40);
    Core.add(photo, new Scalar(mean[0] / 2, mean[1] / 2, mean[2] / 2), photo);
    return photo;
  }

  private static Mat tinted(Mat face, String tint) {
    Mat out = new Mat();
    Scalar shift = tint.equals("red") ? new Scalar(0, 0, 70) : new Scalar(70, 0, 0); // BGR
    Core.add(face, shift, out);
    return out;
  }
}
