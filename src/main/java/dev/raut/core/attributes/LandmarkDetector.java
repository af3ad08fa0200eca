package dev.raut.core.attributes;

import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.emotion.FaceImages;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.geometry.Point;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/**
 * face-api's FaceLandmark68Net: 68 points (iBUG 300-W order: jaw 0-16, brows 17-26, nose 27-35,
 * eyes 36-47, mouth 48-67) read on an upright 112x112 crop and mapped back to the image's pixels.
 */
public final class LandmarkDetector {
  public static final int SIDE = 112;
  public static final int POINTS = 68;

  private final OnnxModel model;
  private final FaceCrop crop;

  /** {@code crop} must be upright (no eye alignment) so the points map straight back. */
  public LandmarkDetector(OnnxModel model, FaceCrop crop) {
    long[] shape = model.inputShape();
    if (shape.length != 4 || shape[1] != SIDE || shape[2] != SIDE || shape[3] != 3) {
      throw new ModelLoadException(model.name() + " is not a 68-point landmark network: input must be [N,112,112,3]");
    }
    if (crop.alignEyes()) {
      throw new IllegalArgumentException("landmarks need an upright crop");
    }
    this.model = model;
    this.crop = crop;
  }

  /** 68 points per face, in the order of {@code faces}, in the pixels of {@code bgr}. */
  public List<List<Point>> detect(Mat bgr, List<DetectedFace> faces) {
    if (faces.isEmpty()) {
      return List.of();
    }
    float[] out = model.run(FaceImages.rgbBatch(bgr, faces, crop, SIDE, false),
        new long[] {faces.size(), SIDE, SIDE, 3})[0];
    if (out.length != faces.size() * POINTS * 2) {
      throw new ModelLoadException(model.name() + " returned " + out.length / faces.size() + " values per face, not 136");
    }
    List<List<Point>> result = new ArrayList<>(faces.size());
    for (int f = 0; f < faces.size(); f++) {
      List<Point> points = new ArrayList<>(POINTS);
      for (int i = 0; i < POINTS; i++) {
        int at = (f * POINTS + i) * 2;
        points.add(crop.toImage(faces.get(f), out[at], out[at + 1]));
      }
      result.add(List.copyOf(points));
    }
    return result;
  }
}
