package io.otsoc.routes.cli;

import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.routes.pipeline.CaptureManifest;
import io.otsoc.routes.pipeline.NdjsonTally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code otsoc analyze ../shared/pcaps}: the whole folder of shared captures in one run of the real command line.
 * The summary's figures are checked against the manifest (file and frame counts from capinfos) and against the
 * NDJSON file the run committed.
 */
class AnalyzeCaptureFolderTest {

    @TempDir
    Path out;

    @Test
    void everySharedCaptureInOneRun() {
        Path pcaps = SharedFixtures.root().resolve("pcaps");
        long files = CaptureManifest.captures().count();
        long frames = CaptureManifest.packetCounts().values().stream().mapToLong(Long::longValue).sum();

        CommandLineRun run = CommandLineRun.of(AnalysisParts.production(), "analyze", pcaps.toString(),
                "--out", out.toString());

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.stdout()).startsWith("Summary of " + pcaps + "\n");
        assertThat(run.figure("captures")).as("a directory counts its files").isEqualTo(files).isGreaterThan(100);
        assertThat(run.figure("frames")).isEqualTo(frames);
        assertThat(run.figure("flows")).isPositive();
        assertThat(run.listUnder("capture warnings:")).isEmpty();

        Path events = out.resolve("events.ndjson");
        NdjsonTally ndjson = NdjsonTally.of(events);
        assertThat((long) ndjson.lines()).isEqualTo(run.written(events.toString()))
                .isEqualTo(run.figure("events") + run.figure("assets"));
        assertThat(run.rejected(events.toString())).isZero();
        assertThat(ndjson.ofKind("event")).isEqualTo(run.figure("events"));
        assertThat(ndjson.events("modbus")).isPositive();
        assertThat(ndjson.ofKind("asset")).isEqualTo(run.figure("assets")).isPositive();
        long malformed = ndjson.documents().stream()
                .filter(d -> d.path("error").path("type").asText().equals("malformed")).count();
        assertThat(run.figure("malformed")).isEqualTo(malformed);
        assertThat(run.optionalFigure("unmapped")).isEmpty();
        assertThat(out.resolve("events.ndjson.partial")).doesNotExist();
    }
}
