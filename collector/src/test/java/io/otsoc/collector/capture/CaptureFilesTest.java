package io.otsoc.collector.capture;

import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.otsoc.collector.capture.CaptureBytes.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sets of capture files: expansion of directories, time order, aggregated reports, files that go bad. */
class CaptureFilesTest {

    // Three shared captures whose first frames were taken in 2010, 2014 and 2016 (capinfos).
    private static final String FROM_2010 = "profinet/profinet_io_cm_read.pcapng";
    private static final String FROM_2014 = "s7comm/snap7_s300_stop.pcapng";
    private static final String FROM_2016 = "lldp/addroute1.pcapng";

    @TempDir
    Path dir;

    @Test
    void readsADirectoryRecursivelyInTheOrderOfFirstTimestamps() throws IOException {
        // Names sort the other way round from the capture times.
        Path in2010 = copy(FROM_2010, "z-2010.pcapng");
        Path in2014 = copy(FROM_2014, "m-2014.cap");
        Path in2016 = copy(FROM_2016, "sub/deeper/a-2016.pcap");
        Files.writeString(dir.resolve("readme.txt"), "not a capture, and not named like one");
        Files.write(dir.resolve("sub/old.pcap.gz"), new byte[]{0x1f, (byte) 0x8b});

        List<FrameCopy> expected = new ArrayList<>();
        for (Path file : List.of(in2010, in2014, in2016)) {
            expected.addAll(renumbered(readAlone(file), expected.size()));
        }

        try (PacketSource source = CaptureFiles.open(List.of(dir))) {
            assertThat(source).isInstanceOf(CaptureSetSource.class);
            assertThat(((CaptureSetSource) source).files()).containsExactly(in2010, in2014, in2016);
            assertThat(source.name()).isEqualTo(dir.toString());
            List<FrameCopy> frames = FrameCopy.readAll(source);
            assertThat(frames).hasSize(expected.size()).isEqualTo(expected);
            SourceReport report = source.report();
            assertThat(report.frames()).isEqualTo(expected.size());
            assertThat(report.bytes()).isEqualTo(expected.stream().mapToLong(FrameCopy::capturedLength).sum());
            assertThat(report.warnings()).isEmpty();
        }
    }

    @Test
    void mixesFilesAndDirectoriesAndNamesEachOnce() throws IOException {
        Path in2016 = copy(FROM_2016, "late/a.pcapng");
        Path in2010 = copy(FROM_2010, "early.pcap");
        try (PacketSource source = CaptureFiles.open(List.of(dir.resolve("late"), in2010, in2016))) {
            assertThat(((CaptureSetSource) source).files()).containsExactly(in2010, in2016);
            assertThat(source.name()).isEqualTo(dir.resolve("late") + " and 2 more");
            long expected = readAlone(in2010).size() + readAlone(in2016).size();
            assertThat(FrameCopy.readAll(source)).hasSize((int) expected);
        }
    }

    @Test
    void oneFileIsReadDirectly() throws IOException {
        Path file = copy(FROM_2014, "one.pcapng");
        try (PacketSource source = CaptureFiles.open(List.of(file))) {
            assertThat(source).isInstanceOf(PcapFileSource.class);
            assertThat(FrameCopy.readAll(source)).isEqualTo(readAlone(file));
        }
    }

    @Test
    void aBadFileFailsBeforeAnythingIsDelivered() throws IOException {
        copy(FROM_2010, "good.pcapng");
        Path bad = dir.resolve("sub/bad.pcap");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "GET / HTTP/1.1\r\n", StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> CaptureFiles.open(List.of(dir)))
                .isInstanceOf(CaptureException.class)
                .hasMessage(bad + ": not a pcap or pcapng capture (starts with 0x47455420)");
    }

    @Test
    void aDirectoryWithoutCapturesFails() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "nothing");
        assertThatThrownBy(() -> CaptureFiles.open(List.of(dir)))
                .isInstanceOf(CaptureException.class)
                .hasMessage(dir + ": no capture files (*.pcap, *.pcapng, *.cap)");
    }

    @Test
    void aMissingPathFails() throws IOException {
        copy(FROM_2010, "present.pcapng");
        Path missing = dir.resolve("nowhere");
        assertThatThrownBy(() -> CaptureFiles.open(List.of(dir, missing)))
                .isInstanceOf(CaptureException.class)
                .hasMessage(missing + ": cannot read: no such file");
    }

    @Test
    void noInputFails() {
        assertThatThrownBy(() -> CaptureFiles.open(List.of()))
                .isInstanceOf(CaptureException.class)
                .hasMessage("no capture files given");
    }

    @Test
    void aFileThatVanishesAfterTheCheckIsAWarningAndTheOthersStillRun() throws IOException {
        Path first = copy(FROM_2010, "first.pcapng");
        Path gone = copy(FROM_2014, "gone.pcapng");
        Path last = copy(FROM_2016, "last.pcapng");
        try (PacketSource source = CaptureFiles.open(List.of(dir))) {
            Files.delete(gone);
            List<FrameCopy> frames = FrameCopy.readAll(source);
            assertThat(frames).hasSize(readAlone(first).size() + readAlone(last).size());
            assertThat(source.report().warnings()).containsExactly(gone + ": cannot read: no such file; skipped");
        }
    }

    @Test
    void aFileThatTurnsBadAfterTheCheckIsAWarningAndTheOthersStillRun() throws IOException {
        Path first = copy(FROM_2010, "first.pcapng");
        Path bad = copy(FROM_2014, "turns-bad.pcapng");
        Path last = copy(FROM_2016, "last.pcapng");
        try (PacketSource source = CaptureFiles.open(List.of(dir))) {
            Files.writeString(bad, "overwritten", StandardCharsets.US_ASCII);
            List<FrameCopy> frames = FrameCopy.readAll(source);
            assertThat(frames).hasSize(readAlone(first).size() + readAlone(last).size());
            assertThat(source.report().warnings())
                    .containsExactly(bad + ": not a pcap or pcapng capture (starts with 0x6f766572); skipped");
        }
    }

    @Test
    void aFileCutWhileItIsReadDeliversItsCompleteFramesThenWarns() throws IOException {
        Path file = dir.resolve("growing-then-cut.pcap");
        Files.write(file, CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN, ClassicPcapReader.MAGIC_MICROS, 65535, 1)
                .record(1_700_000_000L, 1, data(60, 1), 60)
                .record(1_700_000_000L, 2, data(70, 2), 70)
                .record(1_700_000_000L, 3, data(80, 3), 80)
                .bytes());
        // A small buffer keeps the later records on disk until they are read.
        try (PcapFileSource source = new PcapFileSource(file, 64)) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(186 + 20); // inside the third record, which starts at offset 186
            }
            assertThat(FrameCopy.readAll(source)).hasSize(2);
            assertThat(source.report().warnings()).containsExactly(
                    file + ": truncated in record 3 at byte offset 186 (record needs 96 bytes, 20 present)");
        }
    }

    @Test
    void aFileCutInsideASetIsReportedWithTheOthersAround() throws IOException {
        Path first = copy(FROM_2010, "first.pcapng");
        Path cut = copy(FROM_2014, "cut.pcapng");
        Path last = copy(FROM_2016, "last.pcapng");
        long cutFrames;
        byte[] whole = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(whole, whole.length - 10));
        try (PcapFileSource alone = new PcapFileSource(cut)) {
            cutFrames = FrameCopy.readAll(alone).size();
        }
        try (PacketSource source = CaptureFiles.open(List.of(dir))) {
            assertThat(FrameCopy.readAll(source)).hasSize((int) (readAlone(first).size() + cutFrames
                    + readAlone(last).size()));
            assertThat(source.report().truncated()).isTrue();
            assertThat(source.report().warnings()).singleElement().asString().startsWith(cut + ": truncated in record ");
        }
    }

    @Test
    void stopEndsTheWholeSet() throws IOException {
        copy(FROM_2010, "first.pcapng");
        copy(FROM_2014, "second.pcapng");
        try (PacketSource source = CaptureFiles.open(List.of(dir))) {
            List<Long> numbers = new ArrayList<>();
            source.run(frame -> {
                numbers.add(frame.number());
                if (frame.number() == 3) {
                    source.stop();
                }
            });
            assertThat(numbers).containsExactly(1L, 2L, 3L);
            assertThat(source.report().frames()).isEqualTo(3);
        }
    }

    private Path copy(String shared, String relative) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        return Files.copy(SharedFixtures.pcap(shared), target);
    }

    private static List<FrameCopy> readAlone(Path file) {
        try (PcapFileSource source = new PcapFileSource(file)) {
            return FrameCopy.readAll(source);
        }
    }

    private static List<FrameCopy> renumbered(List<FrameCopy> frames, long before) {
        return frames.stream().map(f -> new FrameCopy(f.number() + before, f.timestampMicros(), f.capturedLength(),
                f.originalLength(), f.linkType(), f.data())).toList();
    }
}
