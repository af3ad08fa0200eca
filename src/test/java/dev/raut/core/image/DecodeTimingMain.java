package dev.raut.core.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Prints median decode times of real photos at full size and with JPEG DCT reduction by 2
 * and 4. Not a unit test: run it by hand, e.g.
 * {@code java -cp target/classes:target/test-classes:<deps> dev.raut.core.image.DecodeTimingMain <photo>...}
 */
public final class DecodeTimingMain {
  private static final int WARMUP_ROUNDS = 10;
  private static final int MEASURED_ROUNDS = 40;

  private DecodeTimingMain() {}

  public static void main(String[] args) throws Exception {
    ImageDecoder decoder = new ImageDecoder();
    for (String arg : args) {
      Path photo = Path.of(arg);
      byte[] data = Files.readAllBytes(photo);
      ImageHeader header = decoder.probe(data, arg);
      int longSide = Math.max(header.width(), header.height());
      System.out.printf("%s (%d × %d, %d KB)%n", photo.getFileName(), header.width(), header.height(), data.length / 1024);
      for (int reduction : List.of(1, 2, 4)) {
        DecodeTarget target = reduction == 1
            ? DecodeTarget.fullResolution()
            : DecodeTarget.longSideAtLeast((longSide + reduction - 1) / reduction);
        System.out.printf("  reduced by %d: median %.1f ms%n", reduction, medianMillis(decoder, data, target));
      }
    }
  }

  private static double medianMillis(ImageDecoder decoder, byte[] data, DecodeTarget target) throws Exception {
    double[] millis = new double[MEASURED_ROUNDS];
    for (int round = -WARMUP_ROUNDS; round < MEASURED_ROUNDS; round++) {
      long start = System.nanoTime();
      decoder.decode(data, "photo", target).close();
      if (round >= 0) {
        millis[round] = (System.nanoTime() - start) / 1e6;
      }
    }
    Arrays.sort(millis);
    return millis[MEASURED_ROUNDS / 2];
  }
}
