package io.otsoc.routes.cli;

import io.otsoc.routes.pipeline.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Progress at(int seconds, long frames, long records) {
        return new Progress(Duration.ofSeconds(seconds), frames, records);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalOneLineIsRewrittenOnceTheRunPassesTwoSeconds() {
        ProgressLine line = new ProgressLine(err, ProgressLine.Mode.LIVE, "otsoc analyze: ");

        line.progress(at(1, 1_000_000, 10_000));
        assertThat(printed()).isEmpty();
        line.progress(at(2, 3_000_000, 30_000));
        line.progress(at(3, 4_500_000, 45_000));
        line.finish();

        String second = "otsoc analyze: 4,500,000 frames  1,500,000 frames/s  45,000 events  3.0 s";
        assertThat(printed()).isEqualTo(
                "\rotsoc analyze: 3,000,000 frames  2,000,000 frames/s  30,000 events  2.0 s"
                        + "\r" + second
                        + "\r" + " ".repeat(second.length()) + "\r");
    }

    @Test
    void whenAskedWithoutATerminalALineEveryFiveSeconds() {
        ProgressLine line = new ProgressLine(err, ProgressLine.Mode.PERIODIC, "");
        for (int second = 1; second <= 12; second++) {
            line.progress(at(second, second * 100L, second));
        }
        assertThat(printed().lines()).containsExactly(
                "200 frames  100 frames/s  2 events  2.0 s",
                "700 frames  100 frames/s  7 events  7.0 s",
                "1,200 frames  100 frames/s  12 events  12.0 s");
    }

    @Test
    void otherwiseSilentButRetriesAreAlwaysSaid() {
        ProgressLine line = new ProgressLine(err, ProgressLine.Mode.QUIET, "otsoc analyze: ");
        for (int second = 1; second <= 12; second++) {
            line.progress(at(second, second * 100L, second));
        }
        line.retrying("cannot deliver to http://127.0.0.1:1: connection refused", 1, 3, Duration.ofMillis(500));
        assertThat(printed().lines()).containsExactly(
                "otsoc analyze: cannot deliver to http://127.0.0.1:1: connection refused; retry 1 of 3 after 0.5 s");
    }
}
