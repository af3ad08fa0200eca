package dev.raut.app.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pasted text (one path or file:// URI per line, as file managers copy them) becomes the existing paths. */
class PastedTextTest {
  @Test
  void keepsExistingPathsAndFileUrisAndIgnoresTheRest(@TempDir Path temp) throws Exception {
    Path a = Files.writeString(temp.resolve("a b.jpg"), "x");
    Path folder = Files.createDirectory(temp.resolve("photos"));
    String text = a + "\r\n" + folder.toUri() + "\n  \nhello world\n" + temp.resolve("missing.jpg") + "\n";
    assertThat(GalleryView.pathsIn(text)).containsExactly(a, folder);
  }
}
