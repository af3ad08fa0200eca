package dev.raut.core.recognition;

import dev.raut.core.face.DetectedFace;
import dev.raut.core.face.FaceDetector;
import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Faces and their descriptors for a photo file: decoded at the resolution faces are always found
 * at (the same decode {@code raut analyze} uses), detected, described. Thread-safe.
 */
public final class FaceRecognizer {
  private final FaceDetector detector;
  private final FaceDescriber describer;
  private final ImageDecoder decoder;
  private final DecodeTarget target;

  public FaceRecognizer(FaceDetector detector, FaceDescriber describer, ImageDecoder decoder, DecodeTarget target) {
    this.detector = detector;
    this.describer = describer;
    this.decoder = decoder;
    this.target = target;
  }

  /** Every face of the photo, largest first, boxes in the photo's own pixels. */
  public List<DescribedFace> faces(Path file) throws ImageDecodeException {
    try (DecodedImage image = decoder.decode(file, target)) {
      List<DetectedFace> detected = detector.detect(image.mat());
      List<float[]> descriptors = describer.describe(image.mat(), detected);
      double toOriginal = (double) image.originalWidth() / image.mat().cols();
      List<DescribedFace> faces = new ArrayList<>(detected.size());
      for (int i = 0; i < detected.size(); i++) {
        DetectedFace face = detected.get(i).scaled(toOriginal);
        faces.add(new DescribedFace(face.box(), face.score(), descriptors.get(i)));
      }
      faces.sort((a, b) -> Double.compare(b.area(), a.area()));
      return faces;
    }
  }
}
