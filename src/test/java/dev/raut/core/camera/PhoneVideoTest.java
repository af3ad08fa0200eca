package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import dev.raut.core.image.OpenCvNative;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/** H.264 .mp4 files, as phones write them, play through FFmpeg: frames, rate, rotation, faces. */
class PhoneVideoTest {
  @TempDir
  Path dir;

  @Test
  void anH264Mp4GivesEveryFrameAtItsRateAndTheFacesOfTheSamePhotosAsTheirMjpegTwin() throws Exception {
    Path mp4 = fixture("samples-h264.mp4");
    List<Mat> frames = readAll(new VideoFileSource(mp4, false));
    try {
      assertThat(frames).hasSize(12);
      assertThat(frames.get(0).cols()).isEqualTo(640);
      assertThat(frames.get(0).rows()).isEqualTo(480);
      VideoFileSource source = new VideoFileSource(mp4, false);
      source.open(Duration.ofSeconds(5));
      assertThat(source.nominalFps()).isEqualTo(10.0);
      source.close();
      // frames 0-5 and 6-11 are the same six photos: the same faces both times, and as many as in the photos
      try (Engine engine = Engine.openDefault()) {
        Analyzer analyzer = Analyzer.forLiveVideo(engine);
        AnalysisRequest request = AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.BACK);
        int faces = 0;
        for (int i = 0; i < 6; i++) {
          int first = analyzer.analyzeFrame(frames.get(i), "f" + i, 640, 480, request).faces().size();
          int second = analyzer.analyzeFrame(frames.get(i + 6), "f" + (i + 6), 640, 480, request).faces().size();
          assertThat(second).isEqualTo(first);
          faces += first;
        }
        assertThat(faces).isGreaterThanOrEqualTo(18);
      }
    } finally {
      LiveFixtures.release(frames);
    }
  }

  @Test
  void aVideoFilmedRotatedComesOutTheWayPlayersShowIt() throws Exception {
    List<Mat> plain = readAll(new VideoFileSource(fixture("samples-h264.mp4"), false));
    List<Mat> rotated = readAll(new VideoFileSource(fixture("samples-h264-rotated.mp4"), false));
    try {
      assertThat(rotated).hasSize(plain.size());
      Mat expected = new Mat();
      // ffmpeg's own player shows this file turned a quarter to the left (its display matrix says +90)
      Core.rotate(plain.get(0), expected, Core.ROTATE_90_COUNTERCLOCKWISE);
      assertThat(rotated.get(0).cols()).isEqualTo(480);
      assertThat(rotated.get(0).rows()).isEqualTo(640);
      Mat difference = new Mat();
      Core.absdiff(expected, rotated.get(0), difference);
      assertThat(Core.mean(difference).val[0]).isLessThan(0.5);
      expected.release();
      difference.release();
    } finally {
      LiveFixtures.release(plain);
      LiveFixtures.release(rotated);
    }
  }

  @Test
  void loopingAnMp4StartsOverWithTheFirstFrame() throws Exception {
    VideoFileSource source = new VideoFileSource(fixture("samples-h264.mp4"), true);
    source.open(Duration.ofSeconds(5));
    Mat first = new Mat();
    Mat frame = new Mat();
    try {
      assertThat(source.read(first)).isTrue();
      for (int i = 1; i < 12; i++) {
        assertThat(source.read(frame)).isTrue();
      }
      assertThat(source.read(frame)).isTrue();
      assertThat(source.lastTimestampMs()).isEqualTo(1200.0);
      Mat difference = new Mat();
      Core.absdiff(first, frame, difference);
      assertThat(Core.mean(difference).val[0]).isLessThan(0.5);
      difference.release();
    } finally {
      source.close();
      first.release();
      frame.release();
    }
  }

  @Test
  void aFileThatIsNoVideoIsRefusedWithWhatToConvertTo() throws Exception {
    Path fake = dir.resolve("holiday.mp4");
    Files.writeString(fake, "this is not a video at all, only some text pretending to be one");
    VideoFileSource source = new VideoFileSource(fake, false);
    assertThatThrownBy(() -> source.open(Duration.ofSeconds(5)))
        .isInstanceOf(CameraException.class)
        .hasMessageContaining("holiday.mp4").hasMessageContaining("H.264 .mp4");
    source.close();
  }

  private static List<Mat> readAll(VideoFileSource source) throws CameraException {
    OpenCvNative.ensureLoaded();
    List<Mat> frames = new ArrayList<>();
    source.open(Duration.ofSeconds(5));
    try {
      Mat frame = new Mat();
      while (source.read(frame)) {
        frames.add(frame);
        frame = new Mat();
      }
      frame.release();
    } finally {
      source.close();
    }
    return frames;
  }

  private Path fixture(String name) throws IOException {
    Path file = dir.resolve(name);
    try (InputStream in = PhoneVideoTest.class.getResourceAsStream(name)) {
      Files.copy(in, file);
    }
    return file;
  }
}
