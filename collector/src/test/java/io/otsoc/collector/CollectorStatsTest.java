package io.otsoc.collector;

import io.otsoc.collector.capture.SourceReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures a run's statistics derive, from given counts and times rather than a measured run. */
class CollectorStatsTest {

    private static CollectorStats stats(long frames, long elapsedNanos) {
        return new CollectorStats(frames, 0, Map.of(), 0, 0, 0, 0, 0, 0, Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                Map.of(), Map.of(), Map.of(), Map.of(), 0, new SourceReport(frames, 0, 0, List.of()), elapsedNanos);
    }

    @Test
    void framesPerSecondIsFramesOverTheWallClockTime() {
        assertThat(stats(3_000, 1_500_000_000L).framesPerSecond()).isEqualTo(2_000.0);
        assertThat(stats(1, 250_000L).framesPerSecond()).isEqualTo(4_000.0);
    }

    @Test
    void aRunThatTookNoMeasurableTimeHasNoRate() {
        assertThat(stats(10, 0).framesPerSecond()).isZero();
    }
}
