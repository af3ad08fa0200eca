package dev.raut.core.convert;

/**
 * The seeded test images of tools/tfjs-fixtures/generate.mjs, rebuilt bit-exactly (same PRNG,
 * same double arithmetic, rounded to float at the end). Keep both in sync.
 */
final class ParityInputs {
  private ParityInputs() {
  }

  /** mulberry32, as in generate.mjs. */
  private static final class Mulberry32 {
    private int state;

    Mulberry32(int seed) {
      state = seed;
    }

    double next() {
      state += 0x6d2b79f5;
      int t = state;
      t = (t ^ (t >>> 15)) * (t | 1);
      t ^= t + (t ^ (t >>> 7)) * (t | 61);
      return Integer.toUnsignedLong(t ^ (t >>> 14)) / 4294967296.0;
    }
  }

  /** 64x64 grey image in [-1, 1]: "noise", or "blob" (a bright blob with mild noise). */
  static float[] emotionImage(String kind, int seed) {
    Mulberry32 random = new Mulberry32(seed);
    float[] out = new float[64 * 64];
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        double r = random.next();
        double v;
        if (kind.equals("noise")) {
          v = 2 * r - 1;
        } else {
          double dx = (x - 20 - seed * 3) / 32.0;
          double dy = (y - 28) / 32.0;
          v = Math.min(1, Math.max(-1, 0.8 - 1.5 * (dx * dx + dy * dy) + 0.2 * (r - 0.5)));
        }
        out[y * 64 + x] = (float) v;
      }
    }
    return out;
  }

  /** 512x512 RGB (NHWC) image in 0..255: diagonal colour ramps plus noise. */
  static float[] centernetImage(int seed) {
    Mulberry32 random = new Mulberry32(seed);
    float[] out = new float[512 * 512 * 3];
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 512; x++) {
        for (int c = 0; c < 3; c++) {
          out[(y * 512 + x) * 3 + c] = (float) (((x * (c + 1) + y * (3 - c)) % 256) * 0.7 + 76 * random.next());
        }
      }
    }
    return out;
  }

  /** 224x224 RGB (NHWC) image in 0..scale: colour stripes plus noise (generate.mjs backboneImage). */
  static float[] backboneImage(int seed, double scale) {
    Mulberry32 random = new Mulberry32(seed);
    float[] out = new float[224 * 224 * 3];
    for (int y = 0; y < 224; y++) {
      for (int x = 0; x < 224; x++) {
        for (int c = 0; c < 3; c++) {
          double v = ((x * (c + 2) + y * (4 - c) + seed * 17) % 256) * 0.6 + 100 * random.next();
          out[(y * 224 + x) * 3 + c] = (float) (v * scale / 255);
        }
      }
    }
    return out;
  }

  /** side x side RGB (NHWC) in 0..255: a bright oval on colour ramps plus noise (tools/face-api-fixtures faceImage). */
  static float[] faceImage(int seed, int side) {
    Mulberry32 random = new Mulberry32(seed);
    float[] out = new float[side * side * 3];
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        double dx = (x - side * (0.4 + 0.05 * seed)) / side;
        double dy = (y - side * 0.5) / side;
        double oval = Math.max(0, 1 - 5 * (dx * dx + 0.6 * dy * dy));
        for (int c = 0; c < 3; c++) {
          double v = ((x * (c + 1) + y * (3 - c) + seed * 29) % 256) * 0.35 + 150 * oval + 60 * random.next();
          out[(y * side + x) * 3 + c] = (float) Math.min(255, v);
        }
      }
    }
    return out;
  }
}
