package dev.raut.core.document;

import dev.raut.core.document.DocumentException.ErrorCode;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.image.ImageDecoder;
import dev.raut.core.image.ImageHeader;
import dev.raut.core.text.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.poi.ooxml.POIXMLDocumentPart;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFGroupShape;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFPicture;
import org.apache.poi.xssf.usermodel.XSSFShape;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFPictureData;

/**
 * The photos of Word, PowerPoint and Excel files (Office Open XML, read with Apache POI): Word's
 * pictures in the order it stores them, each slide's pictures in drawing order, each sheet's
 * pictures in its drawing. The picture files are handed on as stored (JPEG, PNG...), one at a
 * time; drawings (EMF, WMF, SVG) and images under the minimum size are skipped and counted.
 */
final class OfficePhotos {
  private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
  private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
  /** A zip's end record (22 bytes, plus a comment of up to 65,535) closes the file: no end record, cut short. */
  private static final int ZIP_END_WINDOW = 22 + 65_535;
  private static final byte[] ZIP_END_SIGNATURE = {'P', 'K', 5, 6};
  private static final Set<String> DRAWING_TYPES = Set.of(
      "image/x-emf", "image/emf", "image/x-wmf", "image/wmf", "image/svg+xml", "image/x-pict");

  private OfficePhotos() {}

  /** Every photo, or (with {@code only} set) reading stops once that one is handed on. */
  static DocumentSummary read(DocumentSource source, DocumentFormat format, DocumentLimits limits, PhotoSink sink,
      ImageDecoder decoder) throws DocumentException {
    requireZip(source, format);
    OPCPackage pkg = open(source, format);
    Pictures pictures = new Pictures(source.name(), limits, sink, decoder);
    try {
      switch (format) {
        case DOCX -> {
          XWPFDocument document = new XWPFDocument(pkg);
          for (XWPFPictureData picture : document.getAllPictures()) {
            if (!pictures.handOn(picture)) {
              break;
            }
          }
        }
        case PPTX -> slides(new XMLSlideShow(pkg), pictures);
        case XLSX -> sheets(new XSSFWorkbook(pkg), pictures);
        default -> throw new IllegalArgumentException(format + " is not an Office format");
      }
    } catch (IOException | RuntimeException e) {
      throw damaged(format, e);
    } finally {
      pkg.revert(); // read only: close without writing anything back
    }
    return new DocumentSummary(source.name(), format, pictures.photos, pictures.small, pictures.drawings,
        limits.minPhotoSide());
  }

  private static void slides(XMLSlideShow show, Pictures pictures) {
    int number = 0;
    for (XSLFSlide slide : show.getSlides()) {
      number++;
      pictures.startPage(number, null);
      if (!slideShapes(slide.getShapes(), pictures)) {
        return;
      }
    }
  }

  private static boolean slideShapes(List<XSLFShape> shapes, Pictures pictures) {
    for (XSLFShape shape : shapes) {
      boolean goOn = true;
      if (shape instanceof XSLFPictureShape picture) {
        goOn = pictures.handOn(picture.getPictureData());
      } else if (shape instanceof XSLFGroupShape group) {
        goOn = slideShapes(group.getShapes(), pictures);
      }
      if (!goOn) {
        return false;
      }
    }
    return true;
  }

  private static void sheets(XSSFWorkbook workbook, Pictures pictures) {
    for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
      XSSFSheet sheet = workbook.getSheetAt(i);
      pictures.startPage(null, sheet.getSheetName());
      XSSFDrawing drawing = sheet.getDrawingPatriarch();
      if (drawing == null) {
        continue;
      }
      for (XSSFShape shape : drawing.getShapes()) {
        if (shape instanceof XSSFPicture picture && !pictures.handOn(picture.getPictureData())) {
          return;
        }
      }
    }
  }

  /** Numbers the photos of the current page, slide or sheet, and counts what is skipped. */
  private static final class Pictures {
    final String documentName;
    final DocumentLimits limits;
    final PhotoSink sink;
    final ImageDecoder decoder;
    Integer page;
    String sheet;
    int index;
    int photos;
    int small;
    int drawings;

    Pictures(String documentName, DocumentLimits limits, PhotoSink sink, ImageDecoder decoder) {
      this.documentName = documentName;
      this.limits = limits;
      this.sink = sink;
      this.decoder = decoder;
    }

    void startPage(Integer newPage, String newSheet) {
      page = newPage;
      sheet = newSheet;
      index = 0;
    }

    /** False once the sink wants no more. */
    boolean handOn(POIXMLDocumentPart picture) {
      if (picture == null) {
        return true; // a picture shape whose image part is missing: nothing to show
      }
      PackagePart part = picture.getPackagePart();
      String type = part.getContentType().toLowerCase(Locale.ROOT);
      if (DRAWING_TYPES.contains(type)) {
        drawings++;
        return true;
      }
      EmbeddedPhoto photo;
      try {
        byte[] bytes = bytes(part);
        ImageHeader header = decoder.probe(bytes, null);
        if (Math.min(header.width(), header.height()) < limits.minPhotoSide() && header.width() > 0 && header.height() > 0) {
          small++;
          return true;
        }
        photo = EmbeddedPhoto.encoded(nextPart(), bytes);
      } catch (ImageDecodeException e) {
        photo = EmbeddedPhoto.failed(nextPart(), e);
      } catch (IOException e) {
        photo = EmbeddedPhoto.failed(nextPart(), new ImageDecodeException(ImageDecodeException.ErrorCode.CORRUPT,
            Problem.of("errors.document.pictureUnpack", e.getMessage()), e));
      }
      photos++;
      return sink.accept(photo);
    }

    private DocumentPart nextPart() {
      return new DocumentPart(page, sheet, ++index);
    }

    private byte[] bytes(PackagePart part) throws IOException, ImageDecodeException {
      try (InputStream in = part.getInputStream()) {
        return DocumentLimits.readImageFile(in, limits, "This picture");
      }
    }
  }

  private static OPCPackage open(DocumentSource source, DocumentFormat format) throws DocumentException {
    try {
      return source.file() != null ? OPCPackage.open(source.file().toFile(), PackageAccess.READ)
          : OPCPackage.open(new java.io.ByteArrayInputStream(source.data()));
    } catch (InvalidFormatException | IOException | RuntimeException e) {
      throw damaged(format, e);
    }
  }

  /** Zip, complete; an encrypted Office file is an OLE2 container holding the encrypted zip. */
  private static void requireZip(DocumentSource source, DocumentFormat format) throws DocumentException {
    try {
      byte[] head = source.head(OLE2_MAGIC.length);
      if (startsWith(head, OLE2_MAGIC)) {
        throw ole2(source, format);
      }
      if (!startsWith(head, ZIP_MAGIC)) {
        throw new DocumentException(ErrorCode.DAMAGED_DOCUMENT, Problem.of("errors.document.notOffice",
            format.nameProblem()), null);
      }
      if (lastIndexOf(source.tail(ZIP_END_WINDOW), ZIP_END_SIGNATURE) < 0) {
        throw new DocumentException(ErrorCode.TRUNCATED, Problem.of("errors.document.officeTruncated",
            format.nameProblem()), null);
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.UNREADABLE, Problem.of("errors.image.unreadableBecause", e.getMessage()), e);
    }
  }

  private static DocumentException ole2(DocumentSource source, DocumentFormat format) throws IOException {
    try (InputStream in = source.open(); POIFSFileSystem container = new POIFSFileSystem(in)) {
      if (container.getRoot().hasEntry("EncryptedPackage")) {
        return new DocumentException(ErrorCode.ENCRYPTED, Problem.of("errors.document.officeEncrypted",
            format.nameProblem()), null);
      }
    } catch (IOException | RuntimeException e) {
      return new DocumentException(ErrorCode.DAMAGED_DOCUMENT, Problem.of("errors.document.officeDamaged",
          format.nameProblem(), e.getMessage()), e);
    }
    return new DocumentException(ErrorCode.UNSUPPORTED_DOCUMENT, Problem.of("errors.document.olderOffice",
        format.name().toLowerCase(Locale.ROOT)), null);
  }

  private static DocumentException damaged(DocumentFormat format, Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (reason.contains("Zip bomb")) {
      return new DocumentException(ErrorCode.DAMAGED_DOCUMENT, Problem.of("errors.document.zipBomb",
          format.nameProblem()), e);
    }
    return new DocumentException(ErrorCode.DAMAGED_DOCUMENT, Problem.of("errors.document.officeUnreadable",
        format.nameProblem(), reason), e);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static int lastIndexOf(byte[] bytes, byte[] pattern) {
    for (int i = bytes.length - pattern.length; i >= 0; i--) {
      if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
        return i;
      }
    }
    return -1;
  }
}
