package dev.raut.core.camera;

import dev.raut.core.text.Problem;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a user typed into a source: a camera number ("0", "camera:1"), an http(s):// address
 * of an MJPEG IP camera, or a video file path.
 */
public final class FrameSources {
  private static final Pattern CAMERA = Pattern.compile("(?:camera:|webcam:)?(\\d{1,2})");
  private static final Pattern RESOLUTION = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

  private FrameSources() {}

  /**
   * {@code user}/{@code password} apply to IP cameras, {@code resolution} ("1280x720", or null) to
   * local cameras, {@code loop} to video files.
   */
  public static FrameSource fromSpec(String spec, String user, String password, String resolution, boolean loop)
      throws CameraException {
    String s = spec.trim();
    Matcher camera = CAMERA.matcher(s.toLowerCase(Locale.ROOT));
    if (camera.matches()) {
      return new LocalCameraSource(Integer.parseInt(camera.group(1)), parseResolution(resolution));
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      return new IpCameraSource(s, user, password);
    }
    return new VideoFileSource(Path.of(s), loop);
  }

  /** "640x480" → a resolution; null or blank → null (the camera's default). */
  public static CameraDevice.Resolution parseResolution(String text) throws CameraException {
    if (text == null || text.isBlank()) {
      return null;
    }
    Matcher m = RESOLUTION.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CameraException("not_found", Problem.of("errors.camera.badResolution", text));
    }
    return new CameraDevice.Resolution(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }
}
