package dev.raut.core.image;

/** The image formats Raut decodes, recognised from the file content, never from its name. */
public enum ImageFormat {
  JPEG("JPEG"),
  PNG("PNG"),
  BMP("BMP"),
  GIF("GIF"),
  TIFF("TIFF"),
  WEBP("WebP");

  private final String displayName;

  ImageFormat(String displayName) {
    this.displayName = displayName;
  }

  /** The name people know the format by, for messages: "JPEG", "WebP". */
  public String displayName() {
    return displayName;
  }
}
