package dev.raut.core.camera;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raut.core.analysis.AnalysisRequest;
import dev.raut.core.analysis.Analyzer;
import dev.raut.core.analysis.DetectorChoice;
import dev.raut.core.analysis.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** At a cut to another shot, the old scene's faces are forgotten; within a shot they are followed. */
class SceneCutTest {
  @TempDir
  Path dir;

  @Test
  void movementAndNoiseStayInTheSceneACutStartsANewOne() {
    List<Mat> frames = LiveFixtures.sampleFrames(640, 480);
    try (SceneCuts cuts = new SceneCuts()) {
      long first = cuts.sceneOf(frames.get(0));
      Mat moved = shiftedWithNoise(frames.get(0), 12);
      Mat movedAgain = shiftedWithNoise(moved, 12);
      assertThat(cuts.sceneOf(moved)).isEqualTo(first);
      assertThat(cuts.sceneOf(movedAgain)).isEqualTo(first);
      long next = cuts.sceneOf(frames.get(1));
      assertThat(next).isEqualTo(first + 1);
      for (int i = 2; i < 6; i++) {
        assertThat(cuts.sceneOf(frames.get(i))).as("sample %d after %d", i + 1, i).isEqualTo(first + i);
      }
      moved.release();
      movedAgain.release();
    } finally {
      LiveFixtures.release(frames);
    }
  }

  @Test
  void aVideoThatCutsToAnotherShotGivesItsFacesNewTracksAndTheNewSceneNumber() throws Exception {
    List<Mat> samples = LiveFixtures.sampleFrames(640, 480);
    // sample 2 for 4 frames, then a cut to a much darker shot of the same people in the same places:
    // only the cut, not the boxes, can tell the tracker these are other faces
    Mat darker = new Mat();
    samples.get(1).convertTo(darker, -1, 0.45, 0);
    samples.add(darker);
    List<Mat> shots = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      shots.add(i < 4 ? samples.get(1) : darker);
    }
    Path avi = LiveFixtures.writeMjpegAvi(dir.resolve("cut.avi"), shots, 8, 10);
    List<LiveResult> results = new CopyOnWriteArrayList<>();
    try (Engine engine = Engine.openDefault();
        LivePipeline pipeline = new LivePipeline(Analyzer.forLiveVideo(engine), new VideoFileSource(avi, false),
            AnalysisRequest.facesAndEmotions().withDetector(DetectorChoice.BACK),
            LiveOptions.defaults().withPace(Pace.MAX))) {
      pipeline.addListener(new LiveListener() {
        @Override
        public void onResult(LiveResult result) {
          results.add(result);
        }
      });
      pipeline.start();
      assertThat(pipeline.awaitFinished(Duration.ofSeconds(60))).isTrue();
    } finally {
      LiveFixtures.release(samples);
    }
    assertThat(results).hasSize(8);
    long before = results.get(0).scene();
    Set<Integer> idsBefore = new HashSet<>();
    Set<Integer> idsAfter = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      LiveResult r = results.get(i);
      assertThat(r.scene()).as("frame %d", i).isEqualTo(i < 4 ? before : before + 1);
      assertThat(r.faces()).isNotEmpty();
      for (TrackedFace face : r.faces()) {
        (i < 4 ? idsBefore : idsAfter).add(face.id());
      }
    }
    // within a shot the same faces keep their ids; after the cut no old id comes back
    assertThat(idsBefore).hasSize(results.get(0).faces().size());
    assertThat(idsAfter).doesNotContainAnyElementsOf(idsBefore);
  }

  /** The frame moved right and down by {@code pixels}, with camera-like noise. */
  private static Mat shiftedWithNoise(Mat frame, int pixels) {
    Mat moved = new Mat();
    Mat transform = new Mat(2, 3, CvType.CV_64F);
    transform.put(0, 0, 1, 0, pixels, 0, 1, pixels);
    Imgproc.warpAffine(frame, moved, transform, frame.size(), Imgproc.INTER_LINEAR, Core.BORDER_REPLICATE);
    Mat noise = new Mat(frame.size(), frame.type());
    Core.randn(noise, 0, 8);
    Core.add(moved, noise, moved);
    noise.release();
    transform.release();
    return moved;
  }
}
