package dev.raut.core.recognition;

import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.emotion.FaceImages;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Mat;

/** face-api's FaceRecognitionNet: a 128-D descriptor per face from a 150x150 colour crop, eyes levelled. */
public final class FaceDescriber {
  public static final int SIDE = 150;
  public static final int DIMENSIONS = 128;

  private final OnnxModel model;
  private final FaceCrop crop;

  public FaceDescriber(OnnxModel model, FaceCrop crop) {
    long[] shape = model.inputShape();
    if (shape.length != 4 || shape[1] != SIDE || shape[2] != SIDE || shape[3] != 3) {
      throw new ModelLoadException(model.name() + " is not the face recognition network: input must be [N,150,150,3]");
    }
    this.model = model;
    this.crop = crop;
  }

  /** One descriptor per face, in the order of {@code faces}. */
  public List<float[]> describe(Mat bgr, List<DetectedFace> faces) {
    if (faces.isEmpty()) {
      return List.of();
    }
    float[] out = model.run(FaceImages.rgbBatch(bgr, faces, crop, SIDE, false),
        new long[] {faces.size(), SIDE, SIDE, 3})[0];
    if (out.length != faces.size() * DIMENSIONS) {
      throw new ModelLoadException(model.name() + " returned " + out.length / faces.size() + " values per face, not 128");
    }
    List<float[]> result = new ArrayList<>(faces.size());
    for (int f = 0; f < faces.size(); f++) {
      result.add(Arrays.copyOfRange(out, f * DIMENSIONS, (f + 1) * DIMENSIONS));
    }
    return result;
  }
}
