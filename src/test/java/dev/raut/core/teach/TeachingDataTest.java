package dev.raut.core.teach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.testing.GeneratedPhotos;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the data again (another split or seed) reuses known hashes, but never for a file that changed. */
class TeachingDataTest {
  @Test
  void aChangedFileIsHashedAgain(@TempDir Path dir) throws Exception {
    Path data = GeneratedPhotos.write(dir.resolve("data"), GeneratedPhotos.KINDS, 6, 3);
    Path copy = data.resolve("stripes/copy.png");
    Files.copy(data.resolve("warm/warm_0.png"), copy);
    assertThat(TeachingData.read(data, 0.2, 1, () -> false).duplicates()).hasSize(1);
    assertThat(TeachingData.read(data, 0.3, 2, () -> false).duplicates()).hasSize(1);

    Files.copy(data.resolve("stripes/stripes_0.png"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
    TeachingData again = TeachingData.read(data, 0.2, 1, () -> false);
    assertThat(again.duplicates()).as("stripes_0 and copy are both stripes: not ambiguous").isEmpty();
    assertThat(again.train().stream().filter(p -> p.name().equals("stripes/copy.png")).findFirst()
        .or(() -> again.test().stream().filter(p -> p.name().equals("stripes/copy.png")).findFirst()).orElseThrow()
        .sha256()).isEqualTo(dev.raut.core.model.Sha256.of(copy));
  }
}
