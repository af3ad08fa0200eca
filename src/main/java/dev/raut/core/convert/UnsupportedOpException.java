package dev.raut.core.convert;

/**
 * The graph uses an op, or an op attribute (padding mode, data format, fused activation, ...),
 * that the converter cannot map faithfully. Thrown instead of emitting a model that might compute
 * something different from the TF.js original.
 */
public final class UnsupportedOpException extends ConversionException {
  private final String opType;
  private final String nodeName;

  public UnsupportedOpException(String opType, String nodeName, String detail) {
    super(Reason.UNSUPPORTED_LAYER, "Unsupported TF op " + opType + " at node '" + nodeName + "'" + (detail.isEmpty() ? "" : ": " + detail));
    this.opType = opType;
    this.nodeName = nodeName;
  }

  public String opType() {
    return opType;
  }

  public String nodeName() {
    return nodeName;
  }
}
