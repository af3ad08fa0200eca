package dev.raut.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThroughputTest {
  @Test
  void theSteadyStateLeavesOutTheSlowStart() {
    BatchAnalyzer.Throughput throughput = new BatchAnalyzer.Throughput();
    // the first of 1,000 results takes two seconds (models, JIT), then one every 10 ms
    long t = 2_000_000_000L;
    for (int i = 0; i < 1000; i++) {
      throughput.delivered(t);
      t += 10_000_000L;
    }
    assertThat(throughput.count()).isEqualTo(1000);
    assertThat(throughput.warmUp()).isEqualTo(100);
    assertThat(throughput.steadyPerSecond()).isCloseTo(100.0, within(1e-6));
    assertThat(throughput.describe()).isEqualTo("throughput: 1000 results, steady state 100.00 per second (after the first 100)");
  }

  @Test
  void tooFewResultsHaveNoSteadyState() {
    BatchAnalyzer.Throughput throughput = new BatchAnalyzer.Throughput();
    throughput.delivered(0);
    throughput.delivered(1_000_000L);
    assertThat(throughput.steadyPerSecond()).isNaN();
  }
}
