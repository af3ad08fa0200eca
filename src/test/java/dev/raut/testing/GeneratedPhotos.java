package dev.raut.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Labelled photos for teach tests, made on the spot: kinds that look different to any backbone
 * ("warm" orange noise, blue "stripes", green "checkers"), of varied sizes, one folder per kind.
 */
public final class GeneratedPhotos {
  public static final List<String> KINDS = List.of("checkers", "stripes", "warm");

  private GeneratedPhotos() {}

  public static Path write(Path dir, List<String> kinds, int perClass, long seed) throws IOException {
    Random r = new Random(seed);
    for (String kind : kinds) {
      Path folder = Files.createDirectories(dir.resolve(kind));
      for (int i = 0; i < perClass; i++) {
        int w = 40 + r.nextInt(60);
        int h = 40 + r.nextInt(60);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int noise = r.nextInt(60);
            Color c = switch (kind) {
              case "warm" -> new Color(180 + noise / 2, 80 + noise, 40 + noise / 2);
              case "stripes" -> (x / 4) % 2 == 0 ? new Color(30 + noise, 60 + noise, 200) : new Color(220, 220, 230);
              default -> ((x / 6) + (y / 6)) % 2 == 0 ? new Color(20 + noise, 160 + noise / 2, 40) : new Color(10, 30, 10);
            };
            image.setRGB(x, y, c.getRGB());
          }
        }
        ImageIO.write(image, "png", folder.resolve(kind + "_" + i + ".png").toFile());
      }
    }
    return dir;
  }
}
