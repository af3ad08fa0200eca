package dev.raut.testing;

import dev.raut.core.image.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.util.Units;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.Document;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFRun;

/**
 * Real PDF, Word, PowerPoint and Excel files made on the spot with PDFBox and POI themselves,
 * holding the registry's sample photos (see {@link Samples}) and the awkward cases: password,
 * cut short, no photos, thousands of icons, an image that declares a huge size.
 */
public final class TestDocuments {
  private TestDocuments() {}

  /** A page of text, then one per entry of {@code photosPerPage}: that page draws those sample photos side by side. */
  public static Path pdf(Path file, List<List<Integer>> photosPerPage) throws IOException {
    try (PDDocument document = new PDDocument()) {
      for (List<Integer> samples : photosPerPage) {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          text(content, "Page " + document.getNumberOfPages());
          float x = 40;
          for (int sample : samples) {
            PDImageXObject photo = PDImageXObject.createFromFileByContent(Samples.photo(sample).toFile(), document);
            content.drawImage(photo, x, 400, 250, 250 * photo.getHeight() / (float) photo.getWidth());
            x += 270;
          }
        }
      }
      document.save(file.toFile());
    }
    return file;
  }

  /**
   * A scanned page: the whole page is one image (sample {@code sample} re-encoded losslessly, so
   * PDFBox decodes the raw samples, not a JPEG), nothing else on it.
   */
  public static Path scannedPdf(Path file, int sample) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      java.awt.image.BufferedImage scan = javax.imageio.ImageIO.read(Samples.photo(sample).toFile());
      PDImageXObject image = LosslessFactory.createFromImage(document, scan);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.drawImage(image, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
      }
      document.save(file.toFile());
    }
    return file;
  }

  /** Text only. */
  public static Path pdfWithoutPhotos(Path file) throws IOException {
    return pdf(file, List.of(List.of(), List.of()));
  }

  /** One page drawing {@code icons} distinct 16 × 16 images, and sample 1 as the one photo when {@code withPhoto}. */
  public static Path pdfWithIcons(Path file, int icons, boolean withPhoto) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        for (int i = 0; i < icons; i++) {
          java.awt.image.BufferedImage icon = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
          icon.setRGB(i % 16, (i / 16) % 16, 0xFFFFFF - i);
          content.drawImage(LosslessFactory.createFromImage(document, icon), (i % 50) * 11, 20 + (i / 50) * 11 % 700, 10, 10);
        }
        if (withPhoto) {
          content.drawImage(PDImageXObject.createFromFileByContent(Samples.photo(1).toFile(), document), 100, 300, 400, 260);
        }
      }
      document.save(file.toFile());
    }
    return file;
  }

  /**
   * Page 1 draws an image whose dictionary declares {@code side × side} pixels (a few bytes of
   * data behind it), page 2 the sample photo {@code sample}.
   */
  public static Path pdfWithBomb(Path file, int side, int sample) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage first = new PDPage(PDRectangle.A4);
      document.addPage(first);
      byte[] deflated = deflate(new byte[1024]);
      PDImageXObject bomb = new PDImageXObject(document, new ByteArrayInputStream(deflated), COSName.FLATE_DECODE,
          side, side, 8, PDDeviceRGB.INSTANCE);
      try (PDPageContentStream content = new PDPageContentStream(document, first)) {
        content.drawImage(bomb, 0, 0, 500, 500);
      }
      PDPage second = new PDPage(PDRectangle.A4);
      document.addPage(second);
      try (PDPageContentStream content = new PDPageContentStream(document, second)) {
        content.drawImage(PDImageXObject.createFromFileByContent(Samples.photo(sample).toFile(), document), 40, 300, 500, 350);
      }
      document.save(file.toFile());
    }
    return file;
  }

  /** Sample photo {@code sample} on one page, behind a user password. */
  public static Path encryptedPdf(Path file, int sample) throws IOException {
    try (PDDocument document = new PDDocument()) {
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.drawImage(PDImageXObject.createFromFileByContent(Samples.photo(sample).toFile(), document), 40, 300, 500, 350);
      }
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
      policy.setEncryptionKeyLength(128);
      document.protect(policy);
      document.save(file.toFile());
    }
    return file;
  }

  /** A Word document: a paragraph, then the sample photos as JPEGs and {@code pngs} as PNGs, each in its own run. */
  public static Path docx(Path file, List<Integer> jpegSamples, List<byte[]> pngs) throws IOException {
    try (XWPFDocument document = new XWPFDocument()) {
      document.createParagraph().createRun().setText("A report with photos.");
      for (int sample : jpegSamples) {
        XWPFRun run = document.createParagraph().createRun();
        try (var in = Files.newInputStream(Samples.photo(sample))) {
          run.addPicture(in, Document.PICTURE_TYPE_JPEG, "sample" + sample + ".jpg", Units.toEMU(300), Units.toEMU(200));
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
          throw new IOException(e);
        }
      }
      int n = 0;
      for (byte[] png : pngs) {
        XWPFRun run = document.createParagraph().createRun();
        try {
          run.addPicture(new ByteArrayInputStream(png), Document.PICTURE_TYPE_PNG, "image" + (++n) + ".png",
              Units.toEMU(100), Units.toEMU(100));
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
          throw new IOException(e);
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        document.write(out);
      }
    }
    return file;
  }

  /** A presentation: one slide per entry, each drawing those sample photos (JPEG). */
  public static Path pptx(Path file, List<List<Integer>> photosPerSlide) throws IOException {
    try (XMLSlideShow show = new XMLSlideShow()) {
      for (List<Integer> samples : photosPerSlide) {
        XSLFSlide slide = show.createSlide();
        int x = 20;
        for (int sample : samples) {
          XSLFPictureData data = show.addPicture(Files.readAllBytes(Samples.photo(sample)), PictureData.PictureType.JPEG);
          slide.createPicture(data).setAnchor(new java.awt.Rectangle(x, 40, 300, 200));
          x += 320;
        }
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        show.write(out);
      }
    }
    return file;
  }

  /** A workbook: sheet "Data" with a few numbers, sheet "Photos" with the sample photos as JPEG and a PNG. */
  public static Path xlsx(Path file, List<Integer> jpegSamples, byte[] png) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      workbook.createSheet("Data").createRow(0).createCell(0).setCellValue(42);
      XSSFSheet sheet = workbook.createSheet("Photos");
      XSSFDrawing drawing = sheet.createDrawingPatriarch();
      int row = 0;
      for (int sample : jpegSamples) {
        int index = workbook.addPicture(Files.readAllBytes(Samples.photo(sample)), Workbook.PICTURE_TYPE_JPEG);
        picture(workbook, drawing, index, row);
        row += 20;
      }
      if (png != null) {
        picture(workbook, drawing, workbook.addPicture(png, Workbook.PICTURE_TYPE_PNG), row);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        workbook.write(out);
      }
    }
    return file;
  }

  private static void picture(XSSFWorkbook workbook, XSSFDrawing drawing, int pictureIndex, int row) {
    ClientAnchor anchor = workbook.getCreationHelper().createClientAnchor();
    anchor.setCol1(1);
    anchor.setRow1(row);
    anchor.setCol2(8);
    anchor.setRow2(row + 18);
    drawing.createPicture(anchor, pictureIndex);
  }

  /** {@code plain} (an Office file) encrypted with a password, as Office does it (agile encryption in an OLE2 container). */
  public static Path encryptOffice(Path plain, Path file) throws IOException {
    try (POIFSFileSystem container = new POIFSFileSystem()) {
      EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
      Encryptor encryptor = info.getEncryptor();
      encryptor.confirmPassword("secret");
      try (var in = Files.newInputStream(plain); OutputStream encrypted = encryptor.getDataStream(container)) {
        OPCPackage pkg = OPCPackage.open(in);
        pkg.save(encrypted);
        pkg.revert();
      } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException | java.security.GeneralSecurityException e) {
        throw new IOException(e);
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        container.writeFilesystem(out);
      }
    }
    return file;
  }

  /** The first {@code fraction} of {@code source}, as an unfinished download leaves it. */
  public static Path truncated(Path source, Path file, double fraction) throws IOException {
    byte[] bytes = Files.readAllBytes(source);
    return Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * fraction)));
  }

  /** A PNG whose header declares {@code side × side} pixels, with nearly no data (an image bomb). */
  public static byte[] bombPng(int side) {
    return TestImages.pngHeaderOnly(side, side);
  }

  private static void text(PDPageContentStream content, String line) throws IOException {
    content.beginText();
    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 14);
    content.newLineAtOffset(40, 780);
    content.showText(line);
    content.endText();
  }

  private static byte[] deflate(byte[] data) {
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setInput(data);
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    deflater.end();
    return out.toByteArray();
  }
}
