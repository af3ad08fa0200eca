package dev.raut.core.natives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.image.OpenCvNative;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacked once, reused while whole, replaced when not, and never a reason to fail. */
class UnpackedLibrariesTest {
  /** Any resource will do for the copying: this class's own bytes. */
  private static final String RESOURCE = "/dev/raut/core/natives/UnpackedLibrariesTest.class";

  @TempDir Path dir;

  @Test
  void aResourceIsUnpackedOnceAndReusedAfterwards() throws Exception {
    long size = getClass().getResource(RESOURCE).openConnection().getContentLengthLong();
    Path first = UnpackedLibraries.unpacked(getClass(), RESOURCE, "test", dir).orElseThrow();
    assertThat(first).startsWith(dir).hasFileName("UnpackedLibrariesTest.class");
    assertThat(Files.size(first)).isEqualTo(size);
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(first, written);
    Path second = UnpackedLibraries.unpacked(getClass(), RESOURCE, "test", dir).orElseThrow();
    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(second)).isEqualTo(written); // not written again
    try (var left = Files.list(first.getParent())) {
      assertThat(left).containsExactly(first); // no temporary file stays behind
    }
  }

  @Test
  void aCutOffCopyIsReplacedByAWholeOne() throws Exception {
    Path whole = UnpackedLibraries.unpacked(getClass(), RESOURCE, "test", dir).orElseThrow();
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(whole, java.util.Arrays.copyOf(bytes, bytes.length / 3));
    Path again = UnpackedLibraries.unpacked(getClass(), RESOURCE, "test", dir).orElseThrow();
    assertThat(Files.readAllBytes(again)).isEqualTo(bytes);
  }

  @Test
  void noResourceOrNoWritableFolderGivesNothingInsteadOfFailing() throws Exception {
    assertThat(UnpackedLibraries.unpacked(getClass(), "/no/such/library.so", "test", dir)).isEmpty();
    Path aFile = Files.writeString(dir.resolve("not-a-folder"), "x");
    assertThat(UnpackedLibraries.unpacked(getClass(), RESOURCE, "test", aFile.resolve("natives"))).isEqualTo(Optional.empty());
  }

  @Test
  void openCvIsLoadedFromItsUnpackedCopyInTheCacheFolder() throws Exception {
    Path loaded = OpenCvNative.loadedFrom();
    assertThat(loaded).isNotNull().startsWith(UnpackedLibraries.folder());
    assertThat(Files.size(loaded)).isEqualTo(
        nu.pattern.OpenCV.class.getResource(OpenCvNative.bundledLibrary()).openConnection().getContentLengthLong());
  }
}
