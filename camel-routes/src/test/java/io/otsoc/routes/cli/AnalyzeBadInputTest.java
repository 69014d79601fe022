package io.otsoc.routes.cli;

import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.routes.pipeline.NdjsonTally;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad inputs through the real command line and the real capture reader. Input that cannot be read at all is a
 * usage error (exit 2) with one line naming the file and the problem, and leaves no output behind; a capture cut
 * short mid-record is analysed up to its last complete record and named in the summary's warnings (exit 0).
 */
class AnalyzeBadInputTest {

    private static final String MODBUS = "modbus/modbus_example.pcap";

    @TempDir
    Path dir;

    private Path out() {
        return dir.resolve("out");
    }

    private CommandLineRun analyze(Path... captures) {
        String[] args = new String[captures.length + 3];
        args[0] = "analyze";
        for (int i = 0; i < captures.length; i++) {
            args[i + 1] = captures[i].toString();
        }
        args[captures.length + 1] = "--out";
        args[captures.length + 2] = out().toString();
        return CommandLineRun.of(AnalysisParts.production(), args);
    }

    /** Exit 2, exactly the one line given on stderr, nothing on stdout, no output directory. */
    private void refusedWith(CommandLineRun run, String line) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).containsExactly(line);
        assertThat(run.stdout()).isEmpty();
        assertThat(out()).doesNotExist();
    }

    @Test
    void aTextFileIsNamedWithWhatItStartsWith() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, not a capture\n");

        // "hell" is 0x68656c6c
        refusedWith(analyze(text), "otsoc analyze: " + text + ": not a pcap or pcapng capture (starts with 0x68656c6c)");
    }

    @Test
    void anEmptyFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.pcap"), new byte[0]);

        refusedWith(analyze(empty), "otsoc analyze: " + empty + ": empty file");
    }

    @Test
    void aCaptureOfALinkTypeWeCannotDissect() throws IOException {
        // LINKTYPE_USER0 (147): a valid capture of frames the dissector has no decoder for.
        ByteBuffer pcap = ByteBuffer.allocate(24 + 16 + 4).order(ByteOrder.LITTLE_ENDIAN);
        pcap.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(147);
        pcap.putInt(1_700_000_000).putInt(0).putInt(4).putInt(4).put(new byte[]{1, 2, 3, 4});
        Path user0 = Files.write(dir.resolve("user0.pcap"), pcap.array());

        refusedWith(analyze(user0), "otsoc analyze: " + user0 + ": unsupported link type 147 (LINKTYPE_147)");
    }

    @Test
    void aMissingFile() {
        Path missing = dir.resolve("nowhere.pcap");

        refusedWith(analyze(missing), "otsoc analyze: " + missing + ": cannot read: no such file");
    }

    @Test
    void oneBadFileAmongGoodOnesStopsTheRunBeforeAnyFrameIsRead() throws IOException {
        Path good = SharedFixtures.pcap(MODBUS);
        Path text = Files.writeString(dir.resolve("notes.pcap"), "hello, not a capture\n");

        refusedWith(analyze(good, text),
                "otsoc analyze: " + text + ": not a pcap or pcapng capture (starts with 0x68656c6c)");
    }

    @Test
    void aDirectoryHoldingABadCaptureIsRefusedAsAWhole() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("captures"));
        Files.copy(SharedFixtures.pcap(MODBUS), folder.resolve("a.pcap"));
        Path empty = Files.write(folder.resolve("b.pcap"), new byte[0]);

        refusedWith(analyze(folder), "otsoc analyze: " + empty + ": empty file");
    }

    /**
     * The capture is cut in the middle of record 51's packet data. Expected figures come from walking the classic
     * pcap layout here (24-byte file header, 16-byte record headers with the captured length at offset 8): 50
     * complete records before the cut, and the cut record's offset and size.
     */
    @Test
    void aCaptureTruncatedMidRecordIsAnalysedUpToItsLastCompleteRecordWithAWarning() throws IOException {
        byte[] whole = Files.readAllBytes(SharedFixtures.pcap(MODBUS));
        ByteBuffer layout = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(layout.getInt(0)).as("little-endian microsecond pcap").isEqualTo(0xa1b2c3d4);
        int cutRecord = 51;
        int offset = 24;
        long lastCompleteMicros = 0;
        for (int record = 1; record < cutRecord; record++) {
            lastCompleteMicros = layout.getInt(offset) * 1_000_000L + layout.getInt(offset + 4);
            offset += 16 + layout.getInt(offset + 8);
        }
        int recordSize = 16 + layout.getInt(offset + 8);
        int present = 16 + recordSize / 3;
        Path truncated = Files.write(dir.resolve("truncated.pcap"), Arrays.copyOf(whole, offset + present));

        CommandLineRun run = analyze(truncated);

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.figure("frames")).isEqualTo(cutRecord - 1);
        assertThat(run.figure("captures")).isEqualTo(1);
        assertThat(run.listUnder("capture warnings:")).containsExactly(truncated + ": truncated in record "
                + cutRecord + " at byte offset " + offset + " (record needs " + recordSize + " bytes, " + present
                + " present)");
        NdjsonTally ndjson = NdjsonTally.of(out().resolve("events.ndjson"));
        assertThat((long) ndjson.lines()).isEqualTo(run.written(out().resolve("events.ndjson").toString()))
                .isEqualTo(run.figure("events") + run.figure("assets"));
        assertThat(ndjson.events("modbus")).isPositive();
        // Nothing from beyond the cut: every event happened by the last complete record.
        Instant last = Instant.ofEpochSecond(0, lastCompleteMicros * 1_000);
        assertThat(ndjson.documents()).filteredOn(d -> d.path("event").path("kind").asText().equals("event"))
                .allSatisfy(d -> assertThat(Instant.parse(d.path("@timestamp").asText())).isBeforeOrEqualTo(last));
    }
}
