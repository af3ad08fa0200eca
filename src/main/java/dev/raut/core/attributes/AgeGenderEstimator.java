package dev.raut.core.attributes;

import dev.raut.core.emotion.FaceCrop;
import dev.raut.core.emotion.FaceImages;
import dev.raut.core.face.DetectedFace;
import dev.raut.core.onnx.ModelLoadException;
import dev.raut.core.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/** face-api's AgeGenderNet on a 112x112 colour crop: age regressed in years, gender as two probabilities. */
public final class AgeGenderEstimator {
  public static final int SIDE = 112;

  private final OnnxModel model;
  private final List<String> genders;
  private final FaceCrop crop;
  private final int ageOutput;
  private final int genderOutput;

  /** {@code genders}: the card's labels in output order (male, female). */
  public AgeGenderEstimator(OnnxModel model, List<String> genders, FaceCrop crop) {
    long[] shape = model.inputShape();
    if (shape.length != 4 || shape[1] != SIDE || shape[2] != SIDE || shape[3] != 3 || genders.size() != 2) {
      throw new ModelLoadException(model.name() + " is not AgeGenderNet: input must be [N,112,112,3], two genders");
    }
    this.model = model;
    this.genders = List.copyOf(genders);
    this.crop = crop;
    this.ageOutput = model.outputNames().indexOf("age");
    this.genderOutput = model.outputNames().indexOf("gender");
    if (ageOutput < 0 || genderOutput < 0) {
      throw new ModelLoadException(model.name() + " has no 'age' and 'gender' outputs: " + model.outputNames());
    }
  }

  /** One estimate per face, in the order of {@code faces}; the mirrored crop is averaged in (a face is near-symmetric). */
  public List<AgeGender> estimate(Mat bgr, List<DetectedFace> faces) {
    if (faces.isEmpty()) {
      return List.of();
    }
    int n = faces.size() * 2;
    float[][] out = model.run(FaceImages.rgbBatch(bgr, faces, crop, SIDE, true), new long[] {n, SIDE, SIDE, 3});
    float[] ages = out[ageOutput];
    float[] genderP = out[genderOutput];
    List<AgeGender> result = new ArrayList<>(faces.size());
    for (int f = 0; f < faces.size(); f++) {
      double age = (ages[2 * f] + ages[2 * f + 1]) / 2.0;
      double first = (genderP[4 * f] + genderP[4 * f + 2]) / 2.0;
      boolean isFirst = first >= 0.5;
      result.add(new AgeGender(Math.max(0, age), genders.get(isFirst ? 0 : 1), isFirst ? first : 1 - first));
    }
    return result;
  }
}
