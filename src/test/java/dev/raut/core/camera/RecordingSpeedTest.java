package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;

/** A recording plays as long as it was recorded, whatever rate the frames arrived at. */
class RecordingSpeedTest {
  @TempDir
  Path dir;

  @Test
  void framesArrivingAtTenPerSecondMakeAThirtyFpsFileOfTheSameDuration() throws Exception {
    List<Mat> frames = LiveFixtures.sampleFrames(320, 240);
    Path file = dir.resolve("recording.avi");
    try (MjpegRecorder recorder = new MjpegRecorder(file, 30, 320, 240)) {
      for (int i = 0; i < 30; i++) {
        recorder.write(frames.get(i % frames.size()), 1_000 + i * 100.0);
      }
      // 3 s of frames, the last shown at 2.9 s: 88 slots of 1/30 s
      assertThat(recorder.frames()).isEqualTo(88);
    }
    VideoFileSource video = new VideoFileSource(file, false);
    video.open(Duration.ofSeconds(5));
    Mat frame = new Mat();
    int read = 0;
    while (video.read(frame)) {
      read++;
    }
    double seconds = read / video.nominalFps();
    video.close();
    frame.release();
    LiveFixtures.release(frames);
    assertThat(read).isEqualTo(88);
    assertThat(seconds).isBetween(2.9, 3.0);
  }

  @Test
  void framesArrivingFasterThanTheFileRateAreThinnedAndAStallIsNotFilledForever() throws Exception {
    List<Mat> frames = LiveFixtures.sampleFrames(320, 240);
    try (MjpegRecorder recorder = new MjpegRecorder(dir.resolve("fast.avi"), 10, 320, 240)) {
      for (int i = 0; i < 100; i++) {
        recorder.write(frames.get(i % frames.size()), i * 10.0);
      }
      // one second at 100 frames/s: ten slots at 10 fps
      assertThat(recorder.frames()).isEqualTo(10);
      recorder.write(frames.get(0), 60_000);
      // a minute's stall fills at most five seconds, and the next frame goes in its own slot again
      assertThat(recorder.frames()).isEqualTo(60);
      recorder.write(frames.get(1), 60_100);
      assertThat(recorder.frames()).isEqualTo(61);
    }
    LiveFixtures.release(frames);
  }
}
