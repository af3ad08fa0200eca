package dev.raut.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.text.Language;
import dev.raut.core.text.Messages;
import dev.raut.testing.CapturedConsole;
import dev.raut.testing.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code raut --lang id}: what people read is Indonesian; JSON keeps its keys and codes. */
class CliLanguageTest {
  @RegisterExtension
  final CapturedConsole console = new CapturedConsole();

  @TempDir
  Path dir;

  @AfterEach
  void backToEnglish() {
    Messages.setLanguage(Language.ENGLISH);
  }

  @Test
  void theTableSummaryAndErrorsAreIndonesian() throws Exception {
    Path photo = Files.copy(Samples.photo(1), dir.resolve("a.jpg"));
    Path empty = Files.write(dir.resolve("kosong.jpg"), new byte[0]);

    int exit = RautCommand.execute("--lang", "id", "analyze", photo.toString(), empty.toString(), "--emotions",
        "--format", "table");

    assertThat(exit).isEqualTo(1);
    String out = console.out();
    assertThat(out).contains("a.jpg  1920x1280  3 wajah: ");
    assertThat(out).containsAnyOf("senang", "netral", "sedih", "marah", "terkejut", "takut", "jijik");
    assertThat(out).contains("kosong.jpg  GALAT empty_file: kosong.jpg: Berkas ini kosong (0 bita).");
    assertThat(out).doesNotContain(" faces").doesNotContain("happy");
    assertThat(console.err()).contains("raut analyze: 1 dari 2 hasil berupa galat");
  }

  @Test
  void langMayComeAfterTheCommandAndJsonKeepsItsCodes() throws Exception {
    Path empty = Files.write(dir.resolve("kosong.jpg"), new byte[0]);

    RautCommand.execute("analyze", empty.toString(), "--lang", "id");

    assertThat(console.out()).contains("\"code\":\"empty_file\"").contains("\"message\":\"kosong.jpg: Berkas ini kosong");
  }

  @Test
  void helpIsIndonesianWithLangAndEnglishWithout() {
    RautCommand.execute("--lang", "id", "analyze", "--help");
    assertThat(console.out()).contains("Penggunaan: raut analyze").contains("Analisis foto: wajah, emosi, objek")
        .contains("json (JSON Lines), csv, atau table (bawaan: json).");

    console.resetOut();
    RautCommand.execute("analyze", "--help");
    assertThat(console.out()).contains("Usage: raut analyze").contains("Analyse photos: faces, emotions, objects")
        .contains("json (JSON Lines), csv or table (default: json).").contains("--lang=LANG");
  }

  @Test
  void anUnknownLanguageIsAUsageError() {
    assertThat(RautCommand.execute("--lang", "klingon", "models", "list")).isEqualTo(RautCommand.EXIT_USAGE);
    assertThat(console.err()).contains("--lang takes en (English) or id (Bahasa Indonesia), not 'klingon'");
  }
}
