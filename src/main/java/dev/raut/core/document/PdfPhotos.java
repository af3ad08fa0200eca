package dev.raut.core.document;

import dev.raut.core.document.DocumentException.ErrorCode;
import dev.raut.core.image.ImageDecodeException;
import dev.raut.core.text.Problem;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.color.PDColorSpace;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceGray;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.filter.MissingImageReaderException;

/**
 * The photos of a PDF, page by page, each in the order the page draws it (images inside forms
 * included; an image drawn twice on a page counts once). A scanned page is one image: photo 1 of
 * its page. JPEGs are handed on as stored, so the photo decoder reads them (reduced, with its
 * checks); other images are decoded by PDFBox, reduced when large. Only one page is processed at
 * a time and each photo is handed on as soon as it is read.
 */
final class PdfPhotos {
  /** The %%EOF marker must be in the file's last bytes (the spec says 1024; a little slack for trailing junk). */
  private static final int EOF_MARKER_WINDOW = 4096;
  /** Raw images are read reduced by whole steps until the long side is at most about this. */
  private static final int RAW_LONG_SIDE = 2048;
  private static final List<String> STOP_AT_JPEG = List.of(COSName.DCT_DECODE.getName(), COSName.DCT_DECODE_ABBREVIATION.getName());

  private PdfPhotos() {}

  /** Every page's photos, or only page {@code onlyPage} when it is positive. */
  static DocumentSummary read(DocumentSource source, DocumentLimits limits, int onlyPage, PhotoSink sink)
      throws DocumentException {
    requireComplete(source);
    try (PDDocument document = load(source)) {
      Counts counts = new Counts();
      int pages = document.getNumberOfPages();
      for (int number = 1; number <= pages && !counts.stopped; number++) {
        if (onlyPage > 0 && number != onlyPage) {
          continue;
        }
        PageImages page = null;
        try {
          PDPage pdPage = document.getPage(number - 1);
          page = new PageImages(pdPage, number, limits, counts, sink);
          page.processPage(pdPage);
        } catch (IOException | RuntimeException e) {
          counts.handOn(sink, EmbeddedPhoto.failed(DocumentPart.onPage(number, page == null ? 1 : page.next()),
              new ImageDecodeException(ImageDecodeException.ErrorCode.CORRUPT,
                  Problem.of("errors.document.pageUnreadable", number, e.getMessage()), e)));
        }
      }
      return new DocumentSummary(source.name(), DocumentFormat.PDF, counts.photos, counts.small, 0,
          limits.minPhotoSide());
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.DAMAGED_DOCUMENT,
          Problem.of("errors.document.pdfDamaged", e.getMessage()), e);
    }
  }

  private static PDDocument load(DocumentSource source) throws IOException, DocumentException {
    try {
      return source.file() != null ? Loader.loadPDF(source.file().toFile()) : Loader.loadPDF(source.data());
    } catch (InvalidPasswordException e) {
      throw new DocumentException(ErrorCode.ENCRYPTED, Problem.of("errors.document.pdfEncrypted"), e);
    }
  }

  private static void requireComplete(DocumentSource source) throws DocumentException {
    try {
      if (!DocumentFormat.startsLikePdf(source.head(5))) {
        throw new DocumentException(ErrorCode.DAMAGED_DOCUMENT, Problem.of("errors.document.notPdf"), null);
      }
      if (!contains(source.tail(EOF_MARKER_WINDOW), "%%EOF")) {
        throw new DocumentException(ErrorCode.TRUNCATED, Problem.of("errors.document.pdfTruncated"), null);
      }
    } catch (IOException e) {
      throw new DocumentException(ErrorCode.UNREADABLE, Problem.of("errors.image.unreadableBecause", e.getMessage()), e);
    }
  }

  private static boolean contains(byte[] bytes, String ascii) {
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains(ascii);
  }

  /** Photos handed on and icons skipped so far, over all pages. */
  private static final class Counts {
    int photos;
    int small;
    boolean stopped;

    void handOn(PhotoSink sink, EmbeddedPhoto photo) {
      photos++;
      stopped = !sink.accept(photo);
    }
  }

  /** Sees every image one page draws; draws nothing. */
  private static final class PageImages extends PDFGraphicsStreamEngine {
    private final int pageNumber;
    private final DocumentLimits limits;
    private final Counts counts;
    private final PhotoSink sink;
    private final Set<Object> seen = new HashSet<>();
    private int index;

    PageImages(PDPage page, int pageNumber, DocumentLimits limits, Counts counts, PhotoSink sink) {
      super(page);
      this.pageNumber = pageNumber;
      this.limits = limits;
      this.counts = counts;
      this.sink = sink;
    }

    /** The index the next photo on this page gets. */
    int next() {
      return index + 1;
    }

    @Override
    public void drawImage(PDImage image) {
      if (counts.stopped || image instanceof PDImageXObject x && !seen.add(x.getCOSObject())) {
        return;
      }
      if (image.isStencil() || Math.min(image.getWidth(), image.getHeight()) < limits.minPhotoSide()
          && image.getWidth() > 0 && image.getHeight() > 0) {
        counts.small++; // a mask shape, an icon, a bullet
        return;
      }
      index++;
      counts.handOn(sink, photo(image, DocumentPart.onPage(pageNumber, index)));
    }

    private EmbeddedPhoto photo(PDImage image, DocumentPart part) {
      int width = image.getWidth();
      int height = image.getHeight();
      try {
        if (width <= 0 || height <= 0) {
          throw new ImageDecodeException(ImageDecodeException.ErrorCode.ZERO_SIZE,
              Problem.of("errors.document.pdfZeroSize", width, height));
        }
        limits.decodeLimits().requirePixelsWithin(width, height);
        if (storedAsPlainJpeg(image)) {
          return EmbeddedPhoto.encoded(part, jpegBytes(image));
        }
        return raw(image, part);
      } catch (ImageDecodeException e) {
        return EmbeddedPhoto.failed(part, e);
      } catch (MissingImageReaderException e) {
        return EmbeddedPhoto.failed(part, new ImageDecodeException(ImageDecodeException.ErrorCode.UNSUPPORTED_FORMAT,
            Problem.of("errors.document.pdfImageFormat", image.getSuffix()), e));
      } catch (IOException | RuntimeException e) {
        return EmbeddedPhoto.failed(part, new ImageDecodeException(ImageDecodeException.ErrorCode.CORRUPT,
            Problem.of("errors.document.pdfImageDamaged", e.getMessage()), e));
      }
    }

    /** A JPEG the photo decoder reads as it is: grey or RGB, nothing remapping its colours. */
    private static boolean storedAsPlainJpeg(PDImage image) throws IOException {
      if (!"jpg".equals(image.getSuffix()) || image.getDecode() != null && image.getDecode().size() > 0) {
        return false;
      }
      PDColorSpace space = image.getColorSpace();
      return space instanceof PDDeviceRGB || space instanceof PDDeviceGray
          || "ICCBased".equals(space.getName()) && (space.getNumberOfComponents() == 1 || space.getNumberOfComponents() == 3);
    }

    private byte[] jpegBytes(PDImage image) throws IOException, ImageDecodeException {
      try (InputStream in = image.createInputStream(STOP_AT_JPEG)) {
        return DocumentLimits.readImageFile(in, limits, "This JPEG in the PDF");
      }
    }

    /** PDFBox decodes the samples (reduced by a whole step when large), flattened on white to BGR. */
    private static EmbeddedPhoto raw(PDImage image, DocumentPart part) throws IOException {
      int width = image.getWidth();
      int height = image.getHeight();
      int subsampling = Math.max(1, Math.max(width, height) / RAW_LONG_SIDE);
      BufferedImage read = image.getImage(null, subsampling);
      BufferedImage bgr = new BufferedImage(read.getWidth(), read.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = bgr.createGraphics();
      try {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, bgr.getWidth(), bgr.getHeight());
        g.drawImage(read, 0, 0, null);
      } finally {
        g.dispose();
      }
      byte[] pixels = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
      return EmbeddedPhoto.pixels(part, pixels, bgr.getWidth(), bgr.getHeight(), width, height);
    }

    // the rest of the page (paths, text, shadings) is not looked at

    @Override
    public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {}

    @Override
    public void clip(int windingRule) {}

    @Override
    public void moveTo(float x, float y) {}

    @Override
    public void lineTo(float x, float y) {}

    @Override
    public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {}

    @Override
    public Point2D getCurrentPoint() {
      return new Point2D.Float();
    }

    @Override
    public void closePath() {}

    @Override
    public void endPath() {}

    @Override
    public void strokePath() {}

    @Override
    public void fillPath(int windingRule) {}

    @Override
    public void fillAndStrokePath(int windingRule) {}

    @Override
    public void shadingFill(COSName shadingName) {}
  }
}
