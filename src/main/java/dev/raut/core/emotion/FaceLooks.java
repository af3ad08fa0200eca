package dev.raut.core.emotion;

/** Which looks at each face crop go into one batch: as cut, mirrored, or both (as cut, then mirrored). */
public enum FaceLooks {
  CENTRED(1),
  MIRRORED(1),
  BOTH(2);

  private final int perCrop;

  FaceLooks(int perCrop) {
    this.perCrop = perCrop;
  }

  /** Tensors per crop. */
  public int perCrop() {
    return perCrop;
  }
}
