package dev.raut.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.model.ModelStore;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The registry's sample photos (fetched by the build) and a 640 x 480 version for load figures. */
final class TestPhotos {
  private TestPhotos() {}

  static Path sample(int number) {
    Path file = ModelStore.defaultStore().samplesDir("face-api-samples").resolve("sample" + number + ".jpg");
    assertThat(file).as("sample photo (run 'raut models fetch --with-samples')").isRegularFile();
    return file;
  }

  static byte[] bytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** sample1.jpg (a group of faces), centre-cropped to 4:3 and scaled to 640 x 480, as a JPEG in memory. */
  static byte[] photo640x480() {
    try {
      BufferedImage source = ImageIO.read(sample(1).toFile());
      int width = Math.min(source.getWidth(), source.getHeight() * 4 / 3);
      int height = width * 3 / 4;
      BufferedImage crop = source.getSubimage((source.getWidth() - width) / 2, (source.getHeight() - height) / 2, width, height);
      BufferedImage scaled = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = scaled.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(crop, 0, 0, 640, 480, null);
      g.dispose();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(scaled, "jpg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
