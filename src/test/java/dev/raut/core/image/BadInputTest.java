package dev.raut.core.image;

import static dev.raut.core.image.TestImages.concat;
import static dev.raut.core.image.TestImages.jpeg;
import static dev.raut.core.image.TestImages.noise;
import static dev.raut.core.image.TestImages.png;
import static dev.raut.core.image.TestImages.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raut.core.image.ImageDecodeException.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Broken and hostile files: each must fail with the right code and a message a person understands. */
class BadInputTest {
  private final ImageDecoder decoder = new ImageDecoder();

  @TempDir Path dir;

  @Test
  void emptyFile() throws IOException {
    assertFails(write("empty.jpg", new byte[0]), ErrorCode.EMPTY_FILE, "empty");
  }

  @Test
  void jpegMagicAndNothingElse() throws IOException {
    assertFails(write("stub.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), ErrorCode.TRUNCATED, "ends early");
  }

  @Test
  void pngSignatureFollowedByZeros() throws IOException {
    byte[] zeros = concat(slice(png(TestImages.solid(2, 2, TestImages.RED)), 0, 8), new byte[64]);
    assertFails(write("zeros.png", zeros), ErrorCode.CORRUPT, "PNG data is damaged");
  }

  @Test
  void randomBytes() throws IOException {
    byte[] random = new byte[4096];
    new Random(7).nextBytes(random);
    random[0] = 0x01; // make sure no real signature starts it by chance
    assertFails(write("random.bin", random), ErrorCode.NOT_AN_IMAGE, "not an image");
  }

  @Test
  void textFileNamedJpg() throws IOException {
    byte[] text = "Shopping list:\n- milk\n- bread\n".getBytes(StandardCharsets.UTF_8);
    assertFails(write("notes.jpg", text), ErrorCode.NOT_AN_IMAGE, "This is a text file, not an image.");
  }

  @Test
  void pdfDocument() throws IOException {
    byte[] pdf = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);
    assertFails(write("invoice.jpg", pdf), ErrorCode.NOT_AN_IMAGE, "This is a PDF document, not an image.");
  }

  @Test
  void heicPhotoIsRecognisedButUnsupported() throws IOException {
    byte[] heic = concat(new byte[] {0, 0, 0, 24}, "ftypheic".getBytes(StandardCharsets.ISO_8859_1), new byte[16]);
    assertFails(write("IMG_0001.HEIC", heic), ErrorCode.UNSUPPORTED_FORMAT, "HEIC");
  }

  @Test
  void truncatedJpegIsNotDecodedHalfGrey() throws IOException {
    byte[] whole = jpeg(noise(400, 300));
    byte[] cut = slice(whole, 0, whole.length * 6 / 10);
    assertFails(write("cut.jpg", cut), ErrorCode.TRUNCATED,
        "The file ends early (truncated JPEG): only part of the image is there.");
  }

  /** The end-marker scan reads eight bytes at a time: a cut at any offset, across word boundaries, is still seen. */
  @Test
  void aJpegCutAtAnyOfItsLastBytesIsTruncatedAndTrailingBytesAfterItsEndAreFine() throws Exception {
    byte[] whole = jpeg(noise(64, 48));
    for (int missing = 1; missing <= 19; missing++) {
      assertFails(write("cut" + missing + ".jpg", slice(whole, 0, whole.length - missing)), ErrorCode.TRUNCATED, "ends early");
    }
    for (int extra = 0; extra <= 9; extra++) {
      // cameras and editors append data after the end marker; libjpeg ignores it, and so do we
      Path padded = write("padded" + extra + ".jpg", concat(whole, new byte[extra]));
      try (DecodedImage image = decoder.decode(padded, DecodeTarget.fullResolution())) {
        assertThat(image.width()).isEqualTo(64);
      }
    }
  }

  @Test
  void truncatedPng() throws IOException {
    byte[] whole = png(noise(200, 200));
    assertFails(write("cut.png", slice(whole, 0, whole.length / 2)), ErrorCode.TRUNCATED, "truncated PNG");
  }

  @ParameterizedTest
  @ValueSource(strings = {".bmp", ".webp"})
  void truncatedBmpAndWebp(String extension) throws IOException {
    byte[] whole = TestImages.encode(extension, noise(200, 100));
    assertFails(write("cut" + extension, slice(whole, 0, whole.length / 2)), ErrorCode.TRUNCATED, "ends early");
  }

  @Test
  void jpegWithStrayMarkersInEntropyData() throws IOException {
    byte[] image = jpeg(noise(300, 200));
    int middle = (TestImages.startOfScan(image) + image.length) / 2;
    for (int i = 0; i < 32; i += 2) { // bytes 0xFF 0x3A: a marker that cannot occur in JPEG
      image[middle + i] = (byte) 0xFF;
      image[middle + i + 1] = 0x3A;
    }
    assertFails(write("damaged.jpg", image), ErrorCode.CORRUPT, "JPEG data is damaged");
  }

  @Test
  void jpegWithBrokenHuffmanTable() throws IOException {
    byte[] image = jpeg(noise(64, 64));
    int sos = TestImages.startOfScan(image);
    image[sos + 6] = 0x77; // first component's table selectors point to tables that do not exist
    assertFails(write("tables.jpg", image), ErrorCode.CORRUPT, "JPEG data is damaged");
  }

  @Test
  void pngWithBadCrc() throws IOException {
    byte[] image = png(noise(50, 50));
    image[29] ^= 0x5A; // inside IHDR's CRC (signature 8 + length 4 + type 4 + data 13)
    assertFails(write("crc.png", image), ErrorCode.CORRUPT, "PNG data is damaged");
  }

  @Test
  void pngWithZeroWidth() throws IOException {
    assertFails(write("zero.png", TestImages.pngHeaderOnly(0, 10)), ErrorCode.ZERO_SIZE, "0 × 10 pixels");
  }

  @Test
  void decompressionBombIsRefusedFromTheHeader() throws IOException {
    Path bomb = write("bomb.png", TestImages.pngHeaderOnly(60_000, 60_000));
    assertThat(Files.size(bomb)).isLessThan(100);
    // the file is a header and nothing else: had the decoder read on, it would have found no pixel data
    // (CORRUPT or TRUNCATED); TOO_LARGE means it stopped at the header, before allocating anything
    assertFails(bomb, ErrorCode.TOO_LARGE, "60000 × 60000 pixels (3600.0 megapixels), more than the limit of 100.0");
  }

  @Test
  void pixelLimitIsConfigurable() throws IOException {
    ImageDecoder strict = new ImageDecoder(DecodeLimits.DEFAULT.withMaxPixels(1_000));
    Path photo = write("small.png", png(TestImages.solid(40, 40, TestImages.RED)));
    ImageDecodeException error = catchThrowableOfType(ImageDecodeException.class, () -> strict.decode(photo, DecodeTarget.fullResolution()));
    assertThat(error.errorCode()).isEqualTo(ErrorCode.TOO_LARGE);
    assertThat(error.code()).isEqualTo("too_large");
  }

  @Test
  void fileOverTheByteLimit() throws IOException {
    ImageDecoder strict = new ImageDecoder(DecodeLimits.DEFAULT.withMaxFileBytes(1_000));
    Path photo = write("big.jpg", jpeg(noise(100, 100)));
    ImageDecodeException error = catchThrowableOfType(ImageDecodeException.class, () -> strict.decode(photo, DecodeTarget.fullResolution()));
    assertThat(error.errorCode()).isEqualTo(ErrorCode.FILE_TOO_BIG);
    assertThat(error.getMessage()).startsWith("big.jpg: The file is ").endsWith("more than the limit of 1000 bytes.");
  }

  @Test
  void directory() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("holiday.jpg"));
    assertFails(folder, ErrorCode.IS_DIRECTORY, "This is a folder, not an image file.");
  }

  @Test
  void missingFile() {
    assertFails(dir.resolve("gone.jpg"), ErrorCode.NOT_FOUND, "There is no such file");
  }

  @Test
  void inMemoryErrorsNameTheUpload() {
    ImageDecodeException error = catchThrowableOfType(ImageDecodeException.class,
        () -> decoder.decode(new byte[0], "upload.png", DecodeTarget.fullResolution()));
    assertThat(error.getMessage()).isEqualTo("upload.png: The file is empty (0 bytes).");
    assertThat(error.reason()).isEqualTo("The file is empty (0 bytes).");
    assertThat(error.code()).isEqualTo("empty_file");
  }

  @Test
  void probeReportsHugeSizesAndTruncatedHeaders() throws Exception {
    Path bomb = write("bomb.png", TestImages.pngHeaderOnly(60_000, 60_000));
    ImageHeader header = decoder.probe(bomb);
    assertThat(header.width()).isEqualTo(60_000);
    Path cut = write("cut.jpg", slice(jpeg(noise(10, 10)), 0, 20));
    ImageDecodeException error = catchThrowableOfType(ImageDecodeException.class, () -> decoder.probe(cut));
    assertThat(error.errorCode()).isEqualTo(ErrorCode.TRUNCATED);
  }

  private void assertFails(Path file, ErrorCode expected, String messagePart) {
    ImageDecodeException error = catchThrowableOfType(ImageDecodeException.class,
        () -> decoder.decode(file, DecodeTarget.fullResolution()).close());
    assertThat(error).as("decoding %s", file.getFileName()).isNotNull();
    assertThat(error.errorCode()).isEqualTo(expected);
    assertThat(error.getMessage())
        .startsWith(file.getFileName() + ": ")
        .contains(messagePart)
        .doesNotContain("Exception", "\tat ", "cv::", "null")
        .endsWith(".");
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }
}
