package dev.raut.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.camera.CameraException;
import dev.raut.core.classify.ModelImportException;
import dev.raut.core.document.DocumentException;
import dev.raut.core.image.ImageDecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every error code of core has its words in both languages, and each error says itself in either. */
class ErrorTextsTest {
  private static final Properties ENGLISH = Messages.load(Messages.BUNDLE_FOLDER + "errors.properties");
  private static final Properties INDONESIAN = Messages.load(Messages.BUNDLE_FOLDER + "errors_id.properties");

  @Test
  void everyErrorCodeHasATextInBothLanguages() {
    List<String> keys = new ArrayList<>();
    for (ImageDecodeException.ErrorCode code : ImageDecodeException.ErrorCode.values()) {
      keys.add(code.summaryKey());
    }
    for (DocumentException.ErrorCode code : DocumentException.ErrorCode.values()) {
      keys.add(code.summaryKey());
    }
    for (ModelImportException.Code code : ModelImportException.Code.values()) {
      keys.add(code.summaryKey());
    }
    for (String code : CameraException.CODES) {
      keys.add("errors.camera." + code);
    }
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      if (ENGLISH.getProperty(key, "").isBlank()) {
        missing.add(key + " (en)");
      }
      if (INDONESIAN.getProperty(key, "").isBlank()) {
        missing.add(key + " (id)");
      }
    }
    assertThat(missing).isEmpty();
    assertThat(keys).hasSizeGreaterThan(40);
  }

  @Test
  void anErrorSaysItselfInTheAskedLanguageAndLogsInEnglish() {
    ImageDecodeException e = new ImageDecodeException(ImageDecodeException.ErrorCode.TRUNCATED,
        Problem.of("errors.image.truncatedPart", "PNG")).about("foto.png");
    assertThat(e.getMessage()).isEqualTo("foto.png: The file ends early (truncated PNG): only part of the image is there.");
    assertThat(e.message(Language.INDONESIAN))
        .isEqualTo("foto.png: Berkas ini terpotong (PNG tidak lengkap): hanya sebagian gambar yang ada.");
    assertThat(e.code()).isEqualTo("truncated");

    DocumentException inside = new DocumentException(DocumentException.ErrorCode.NO_PHOTOS,
        Problem.of("errors.document.noPhotos", dev.raut.core.document.DocumentFormat.DOCX.nameProblem()), null);
    assertThat(inside.getMessage()).isEqualTo("There are no photos in this Word document.");
    assertThat(inside.message(Language.INDONESIAN)).isEqualTo("Tidak ada foto di Dokumen Word ini.");
  }

  @Test
  void numbersInAMessageFollowTheLanguage() {
    Problem tooBig = Problem.of("errors.image.tooManyPixels", 60000, 60000, 3600.0, 100.0);
    assertThat(tooBig.english()).contains("60000 \u00d7 60000 pixels (3600.0 megapixels)");
    assertThat(tooBig.in(Language.INDONESIAN)).contains("(3600,0 megapiksel)");
  }

  @Test
  void wordsFromElsewhereAreShownAsTheyAre() {
    ModelImportException refused = new ModelImportException(ModelImportException.Code.BAD_CONFIG,
        "Unknown inbound layer 'x'");
    assertThat(refused.message(Language.INDONESIAN)).isEqualTo("Unknown inbound layer 'x'");
    assertThat(Problem.message(new IllegalStateException("plain"), Language.INDONESIAN)).isEqualTo("plain");
  }
}
