package dev.raut.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.image.DecodeTarget;
import dev.raut.core.image.DecodedImage;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.testing.Samples;
import dev.raut.testing.TestDocuments;
import dev.raut.testing.TestPhotos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Photos taken out of real PDF and Office files made by PDFBox and POI, and every way a document goes wrong. */
class DocumentPhotosTest {
  @TempDir Path dir;
  private final DocumentPhotos photos = new DocumentPhotos();
  private final ImageDecoder decoder = new ImageDecoder();

  private List<EmbeddedPhoto> read(Path file, DocumentFormat format) throws DocumentException {
    List<EmbeddedPhoto> found = new ArrayList<>();
    photos.read(DocumentSource.of(file), format, found::add);
    return found;
  }

  private static DocumentPart page(int page, int index) {
    return DocumentPart.onPage(page, index);
  }

  @Test
  void pdfPhotosArePlacedByPageAndDrawingOrderAndKeepTheirJpegBytes() throws Exception {
    Path pdf = TestDocuments.pdf(dir.resolve("report.pdf"), List.of(List.of(), List.of(4), List.of(1, 2)));
    List<EmbeddedPhoto> found = read(pdf, DocumentFormat.PDF);
    assertThat(found).extracting(EmbeddedPhoto::part).containsExactly(page(2, 1), page(3, 1), page(3, 2));
    // stored JPEGs are handed on byte for byte, so the photo decoder reads them as it reads files
    assertThat(found.get(1).encodedBytes()).isEqualTo(Files.readAllBytes(Samples.photo(1)));
    assertThat(found.get(2).encodedBytes()).isEqualTo(Files.readAllBytes(Samples.photo(2)));
    try (DecodedImage image = found.get(0).decode(decoder, DecodeTarget.fullResolution(), "report.pdf")) {
      assertThat(image.originalWidth()).isEqualTo(1920);
    }
  }

  @Test
  void aScannedPageIsOnePhotoDecodedByPdfBox() throws Exception {
    Path pdf = TestDocuments.scannedPdf(dir.resolve("scan.pdf"), 1);
    List<EmbeddedPhoto> found = read(pdf, DocumentFormat.PDF);
    assertThat(found).extracting(EmbeddedPhoto::part).containsExactly(page(1, 1));
    assertThat(found.get(0).encodedBytes()).isNull(); // Flate samples: decoded by PDFBox
    try (DecodedImage image = found.get(0).decode(decoder, DecodeTarget.fullResolution(), "scan.pdf")) {
      // 1920 px is under the raw-image reading limit (long side about 2048): read whole
      assertThat(image.originalWidth()).isEqualTo(1920);
      assertThat(image.width()).isEqualTo(1920);
    }
  }

  @Test
  void officeFilesGiveTheirPicturesAsStored() throws Exception {
    byte[] png = TestPhotos.solidPng(200, 150, 90);
    Path docx = TestDocuments.docx(dir.resolve("notes.docx"), List.of(3, 5), List.of(png));
    assertThat(read(docx, DocumentFormat.DOCX)).extracting(EmbeddedPhoto::part)
        .containsExactly(DocumentPart.inOrder(1), DocumentPart.inOrder(2), DocumentPart.inOrder(3));
    assertThat(read(docx, DocumentFormat.DOCX).get(1).encodedBytes()).isEqualTo(Files.readAllBytes(Samples.photo(5)));

    Path pptx = TestDocuments.pptx(dir.resolve("talk.pptx"), List.of(List.of(2), List.of(), List.of(3, 6)));
    assertThat(read(pptx, DocumentFormat.PPTX)).extracting(EmbeddedPhoto::part)
        .containsExactly(page(1, 1), page(3, 1), page(3, 2));

    Path xlsx = TestDocuments.xlsx(dir.resolve("book.xlsx"), List.of(6), png);
    assertThat(read(xlsx, DocumentFormat.XLSX)).extracting(EmbeddedPhoto::part)
        .containsExactly(DocumentPart.inSheet("Photos", 1), DocumentPart.inSheet("Photos", 2));
  }

  @Test
  void onephotoCanBeReadAgainByItsPlace() throws Exception {
    Path pdf = TestDocuments.pdf(dir.resolve("report.pdf"), List.of(List.of(), List.of(4), List.of(1, 2)));
    EmbeddedPhoto again = photos.readOne(DocumentSource.of(pdf), DocumentFormat.PDF, page(3, 2));
    assertThat(again.encodedBytes()).isEqualTo(Files.readAllBytes(Samples.photo(2)));
    assertThatThrownBy(() -> photos.readOne(DocumentSource.of(pdf), DocumentFormat.PDF, page(3, 3)))
        .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
  }

  @Test
  void thousandsOfIconsAreSkippedAndCounted() throws Exception {
    Path pdf = TestDocuments.pdfWithIcons(dir.resolve("icons.pdf"), 3000, true);
    List<EmbeddedPhoto> found = new ArrayList<>();
    DocumentSummary summary = photos.read(DocumentSource.of(pdf), DocumentFormat.PDF, found::add);
    assertThat(found).extracting(EmbeddedPhoto::part).containsExactly(page(1, 1));
    assertThat(summary.smallSkipped()).isEqualTo(3000);
    assertThat(summary.message()).isEqualTo("icons.pdf: 1 photo; skipped 3,000 images under 64 × 64 pixels (icons)");

    Path onlyIcons = TestDocuments.pdfWithIcons(dir.resolve("only-icons.pdf"), 40, false);
    assertFails(onlyIcons, DocumentFormat.PDF, "no_photos",
        "There are no photos in this PDF; skipped 40 images under 64 × 64 pixels (icons).");
  }

  @Test
  void aDocumentWithoutPhotosSaysSo() throws Exception {
    assertFails(TestDocuments.pdfWithoutPhotos(dir.resolve("text.pdf")), DocumentFormat.PDF, "no_photos",
        "There are no photos in this PDF.");
    Path docx = TestDocuments.docx(dir.resolve("text.docx"), List.of(), List.of());
    assertFails(docx, DocumentFormat.DOCX, "no_photos", "There are no photos in this Word document.");
  }

  @Test
  void anImageBombIsThatPhotosErrorAndTheOtherPhotosGoOn() throws Exception {
    Path pdf = TestDocuments.pdfWithBomb(dir.resolve("bomb.pdf"), 60_000, 2);
    List<EmbeddedPhoto> found = read(pdf, DocumentFormat.PDF);
    assertThat(found).extracting(EmbeddedPhoto::part).containsExactly(page(1, 1), page(2, 1));
    assertThatThrownBy(() -> found.get(0).decode(decoder, DecodeTarget.fullResolution(), "bomb.pdf — page 1, photo 1"))
        .isInstanceOfSatisfying(ImageDecodeException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(ImageDecodeException.ErrorCode.TOO_LARGE);
          assertThat(e.getMessage()).startsWith("bomb.pdf — page 1, photo 1: The image is 60000 × 60000 pixels");
        });
    try (DecodedImage fine = found.get(1).decode(decoder, DecodeTarget.fullResolution(), "bomb.pdf")) {
      assertThat(fine.width()).isEqualTo(1920);
    }

    // in Word: the decoder's own header check refuses it before any pixel memory is taken
    Path docx = TestDocuments.docx(dir.resolve("bomb.docx"), List.of(1), List.of(TestDocuments.bombPng(60_000)));
    List<EmbeddedPhoto> inWord = read(docx, DocumentFormat.DOCX);
    assertThat(inWord).hasSize(2);
    assertThatThrownBy(() -> inWord.get(1).decode(decoder, DecodeTarget.fullResolution(), "bomb.docx"))
        .isInstanceOfSatisfying(ImageDecodeException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ImageDecodeException.ErrorCode.TOO_LARGE));
  }

  @Test
  void passwordProtectedDocumentsAreRefusedInPlainWords() throws Exception {
    assertFails(TestDocuments.encryptedPdf(dir.resolve("secret.pdf"), 1), DocumentFormat.PDF, "encrypted",
        "This PDF is protected with a password");
    Path docx = TestDocuments.docx(dir.resolve("plain.docx"), List.of(1), List.of());
    Path secret = TestDocuments.encryptOffice(docx, dir.resolve("secret.docx"));
    assertFails(secret, DocumentFormat.DOCX, "encrypted", "This Word document is protected with a password");
  }

  @Test
  void cutShortOrDamagedDocumentsAreRefused() throws Exception {
    Path pdf = TestDocuments.pdf(dir.resolve("report.pdf"), List.of(List.of(1), List.of(2)));
    assertFails(TestDocuments.truncated(pdf, dir.resolve("half.pdf"), 0.6), DocumentFormat.PDF, "truncated",
        "This PDF is cut short");
    Path pptx = TestDocuments.pptx(dir.resolve("talk.pptx"), List.of(List.of(1)));
    assertFails(TestDocuments.truncated(pptx, dir.resolve("half.pptx"), 0.6), DocumentFormat.PPTX, "truncated",
        "This PowerPoint presentation is cut short");

    Path fakePdf = Files.writeString(dir.resolve("fake.pdf"), "just some text, not a PDF");
    assertFails(fakePdf, DocumentFormat.PDF, "damaged_document", "This is not a PDF");
    Path fakeDocx = Files.writeString(dir.resolve("fake.docx"), "just some text");
    assertFails(fakeDocx, DocumentFormat.DOCX, "damaged_document", "This is not a Word document");
    // a complete zip that is no Office file
    Path zip = dir.resolve("other.xlsx");
    try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
      out.write("hello".getBytes());
    }
    assertFails(zip, DocumentFormat.XLSX, "damaged_document", "This Excel workbook is damaged");
  }

  @Test
  void fileProblemsHaveTheSameCodesAsForPhotos() throws Exception {
    assertFails(dir.resolve("missing.pdf"), DocumentFormat.PDF, "not_found", "There is no such file");
    assertFails(Files.createFile(dir.resolve("empty.docx")), DocumentFormat.DOCX, "empty_file", "The file is empty");
    Path link = Files.createSymbolicLink(dir.resolve("gone.pdf"), dir.resolve("deleted.pdf"));
    assertFails(link, DocumentFormat.PDF, "broken_link", "This is a link to " + dir.resolve("deleted.pdf"));
  }

  @Test
  void formatsAreKnownByExtensionAndPdfsByContentToo() throws Exception {
    Path pdf = TestDocuments.pdf(dir.resolve("report.pdf"), List.of(List.of(1)));
    Path unnamed = Files.copy(pdf, dir.resolve("scan-without-extension"));
    assertThat(DocumentFormat.of(pdf)).isEqualTo(DocumentFormat.PDF);
    assertThat(DocumentFormat.of(unnamed)).isEqualTo(DocumentFormat.PDF);
    assertThat(DocumentFormat.of(dir.resolve("x.PPTX"))).isEqualTo(DocumentFormat.PPTX);
    assertThat(DocumentFormat.of(Samples.photo(1))).isNull();
    assertThat(DocumentFormat.of(new byte[] {1, 2}, "a.xlsx")).isEqualTo(DocumentFormat.XLSX);
    assertThat(DocumentPart.label("talk.pptx", page(3, 2))).isEqualTo("talk.pptx — slide 3, photo 2");
    assertThat(DocumentPart.label("book.xlsx", DocumentPart.inSheet("Photos", 1))).isEqualTo("book.xlsx — sheet Photos, photo 1");
    assertThat(DocumentPart.label("notes.docx", DocumentPart.inOrder(4))).isEqualTo("notes.docx — photo 4");
  }

  private void assertFails(Path file, DocumentFormat format, String code, String messageStart) {
    assertThatThrownBy(() -> read(file, format)).isInstanceOfSatisfying(DocumentException.class, e -> {
      assertThat(e.code()).isEqualTo(code);
      assertThat(e.getMessage()).startsWith(messageStart);
    });
  }
}
