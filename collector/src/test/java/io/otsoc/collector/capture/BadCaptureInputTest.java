package io.otsoc.collector.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.otsoc.collector.capture.CaptureBytes.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inputs that are not captures, or broken ones: a file that cannot be read at all fails when the source is
 * built, with one line naming it; a file that breaks further in delivers every complete frame and then says
 * where it broke.
 */
class BadCaptureInputTest {

    @TempDir
    Path dir;

    // ---- fatal: nothing can be read ----------------------------------------------------------------------

    @Test
    void textFileIsNotACapture() throws IOException {
        Path file = write("notes.pcap", "hello, world\n".getBytes(StandardCharsets.US_ASCII));
        assertFails(file, file + ": not a pcap or pcapng capture (starts with 0x68656c6c)");
    }

    @Test
    void fileShorterThanAMagicNumberIsNotACapture() throws IOException {
        Path file = write("abc.pcap", new byte[]{0x41, 0x42, 0x43});
        assertFails(file, file + ": not a pcap or pcapng capture (starts with 0x414243)");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.pcap", new byte[0]);
        assertFails(file, file + ": empty file");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("missing.pcap");
        assertFails(file, file + ": cannot read: no such file");
    }

    @Test
    void directoryIsNotAFile() {
        assertFails(dir, dir + ": cannot read: is a directory");
    }

    @Test
    void unsupportedLinkTypeInAClassicCapture() throws IOException {
        Path file = write("dlt147.pcap", CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN,
                ClassicPcapReader.MAGIC_MICROS, 65535, 147).record(1, 0, data(20, 1), 20).bytes());
        assertFails(file, file + ": unsupported link type 147 (LINKTYPE_147)");
    }

    @Test
    void unsupportedLinkTypeOfThePcapngInterface() throws IOException {
        Path file = write("dlt147.pcapng", CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(147, 0, null, null).enhancedPacket(0, 1, data(20, 1), 20).bytes());
        assertFails(file, file + ": unsupported link type 147 (LINKTYPE_147)");
    }

    @Test
    void unsupportedLinkTypeOfAPcapngWithoutPackets() throws IOException {
        Path file = write("dlt147-idb-only.pcapng", CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(147, 0, null, null).bytes());
        assertFails(file, file + ": unsupported link type 147 (LINKTYPE_147)");
    }

    @Test
    void classicFileHeaderCutShort() throws IOException {
        byte[] header = CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN, ClassicPcapReader.MAGIC_MICROS, 65535, 1).bytes();
        Path file = write("short-header.pcap", Arrays.copyOf(header, 10));
        assertFails(file, file + ": truncated in the file header (needs 24 bytes, 10 present)");
    }

    @Test
    void unknownClassicVersion() throws IOException {
        byte[] header = CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN, ClassicPcapReader.MAGIC_MICROS, 65535, 1).bytes();
        header[4] = 9;
        Path file = write("version9.pcap", header);
        assertFails(file, file + ": unsupported pcap version 9.4");
    }

    @Test
    void pcapngSectionHeaderWithABadByteOrderMagic() throws IOException {
        byte[] bytes = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).bytes();
        bytes[8] = 0x11;
        Path file = write("bad-bom.pcapng", bytes);
        assertFails(file, file + ": corrupt section header in record 1 at byte offset 0 (byte-order magic 0x113c2b1a)");
    }

    @Test
    void pcapngSectionHeaderCutShort() throws IOException {
        byte[] bytes = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).bytes();
        Path file = write("short-shb.pcapng", Arrays.copyOf(bytes, 20));
        assertFails(file, file + ": truncated in record 1 at byte offset 0 (record needs 28 bytes, 20 present)");
    }

    // ---- warnings: every complete frame first ------------------------------------------------------------

    @Test
    void classicCaptureTruncatedInARecordHeader() throws IOException {
        CaptureBytes capture = threeRecords();
        byte[] bytes = capture.bytes();
        int thirdRecord = 24 + (16 + 60) + (16 + 70);
        Path file = write("cut-header.pcap", Arrays.copyOf(bytes, thirdRecord + 5));
        assertDeliversThenWarns(file, 2,
                file + ": truncated in record 3 at byte offset " + thirdRecord + " (record needs 16 bytes, 5 present)");
    }

    @Test
    void classicCaptureTruncatedInARecordBody() throws IOException {
        byte[] bytes = threeRecords().bytes();
        int thirdRecord = 24 + (16 + 60) + (16 + 70);
        Path file = write("cut-body.pcap", Arrays.copyOf(bytes, bytes.length - 30));
        assertDeliversThenWarns(file, 2,
                file + ": truncated in record 3 at byte offset " + thirdRecord + " (record needs 96 bytes, 66 present)");
    }

    @Test
    void truncationIsFoundWithABufferSmallerThanTheRecord() throws IOException {
        byte[] bytes = threeRecords().bytes();
        Path file = write("cut-body-small-buffer.pcap", Arrays.copyOf(bytes, bytes.length - 30));
        try (PcapFileSource source = new PcapFileSource(file, 64)) {
            assertThat(FrameCopy.readAll(source)).hasSize(2);
            assertThat(source.report().truncated()).isTrue();
        }
    }

    @Test
    void classicCaptureWithACorruptHugeCapturedLength() throws IOException {
        CaptureBytes capture = CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN, ClassicPcapReader.MAGIC_MICROS, 65535, 1)
                .record(1_700_000_000L, 1, data(60, 1), 60);
        int second = capture.size();
        capture.recordHeader(1_700_000_000L, 2, 0xFFFF_FFFF, 60).raw(data(100, 2));
        Path file = write("huge-caplen.pcap", capture.bytes());
        assertDeliversThenWarns(file, 1, file + ": corrupt record 2 at byte offset " + second
                + " (captured length 4294967295 exceeds 262144); stopped reading");
    }

    @Test
    void classicCaptureWithACapturedLengthJustAboveTheLimit() throws IOException {
        Path file = write("caplen-262145.pcap", CaptureBytes.classic(ByteOrder.BIG_ENDIAN,
                ClassicPcapReader.MAGIC_MICROS, 65535, 1).recordHeader(1, 0, 262_145, 262_145).bytes());
        assertDeliversThenWarns(file, 0,
                file + ": corrupt record 1 at byte offset 24 (captured length 262145 exceeds 262144); stopped reading");
    }

    @Test
    void pcapngTruncatedInABlock() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, data(60, 1), 60);
        int third = capture.size();
        capture.enhancedPacket(0, 2, data(60, 2), 60);
        byte[] bytes = capture.bytes();
        Path file = write("cut.pcapng", Arrays.copyOf(bytes, bytes.length - 9));
        // blocks: section header, interface, packet, packet: the cut one is record 4, 92 bytes long.
        assertDeliversThenWarns(file, 1,
                file + ": truncated in record 4 at byte offset " + third + " (record needs 92 bytes, 83 present)");
    }

    @Test
    void pcapngBlockLengthNotAMultipleOfFour() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, data(60, 1), 60);
        int third = capture.size();
        capture.int32(6).int32(95).raw(new byte[88]);
        Path file = write("len95.pcapng", capture.bytes());
        assertDeliversThenWarns(file, 1, file + ": corrupt block length 95 in record 4 at byte offset " + third
                + " (needs a multiple of 4 from 32 to 16777216)");
    }

    @Test
    void pcapngBlockLengthTooSmall() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null);
        int third = capture.size();
        capture.int32(6).int32(8).raw(new byte[8]);
        Path file = write("len8.pcapng", capture.bytes());
        assertDeliversThenWarns(file, 0, file + ": corrupt block length 8 in record 3 at byte offset " + third
                + " (needs a multiple of 4 from 32 to 16777216)");
    }

    @Test
    void pcapngTrailingLengthDiffers() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, data(60, 1), 60);
        int third = capture.size();
        capture.enhancedPacket(0, 2, data(60, 2), 60);
        byte[] bytes = capture.bytes();
        bytes[bytes.length - 4] = 0x10;
        Path file = write("trailer.pcapng", bytes);
        assertDeliversThenWarns(file, 1, file + ": corrupt block in record 4 at byte offset " + third
                + " (trailing length 16 differs from 92)");
    }

    @Test
    void pcapngCapturedLengthBeyondItsBlock() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null);
        int third = capture.size();
        byte[] body = new byte[20 + 60];
        ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0).putInt(1).putInt(200).putInt(200);
        capture.block(6, body);
        Path file = write("caplen-beyond-block.pcapng", capture.bytes());
        assertDeliversThenWarns(file, 0, file + ": corrupt record 3 at byte offset " + third
                + " (captured length 200 does not fit its block of 92 bytes); stopped reading");
    }

    @Test
    void pcapngPacketOfAnUndefinedInterface() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, data(60, 1), 60);
        int fourth = capture.size();
        capture.enhancedPacket(3, 2, data(60, 2), 60);
        Path file = write("iface3.pcapng", capture.bytes());
        assertDeliversThenWarns(file, 1, file + ": record 4 at byte offset " + fourth
                + " refers to interface 3, but section 1 defines 1; stopped reading");
    }

    @Test
    void interfacesEndWithTheirSection() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, data(60, 1), 60)
                .section(ByteOrder.LITTLE_ENDIAN);
        int fourth = capture.size();
        capture.enhancedPacket(0, 2, data(60, 2), 60);
        Path file = write("no-idb-in-section-2.pcapng", capture.bytes());
        assertDeliversThenWarns(file, 1, file + ": record 5 at byte offset " + fourth
                + " refers to interface 0, but section 2 defines 0; stopped reading");
    }

    @Test
    void secondSectionWithABadByteOrderMagic() throws IOException {
        CaptureBytes capture = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, data(60, 1), 60);
        int fourth = capture.size();
        capture.int32(0x0A0D0D0A).int32(28).int32(0x01020304).raw(new byte[16]);
        Path file = write("bad-second-section.pcapng", capture.bytes());
        assertDeliversThenWarns(file, 1, file + ": corrupt section header in record 4 at byte offset " + fourth
                + " (byte-order magic 0x04030201)");
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    /** Records of 60, 70 and 80 bytes: they start at offsets 24, 100 and 186. */
    private static CaptureBytes threeRecords() {
        return CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN, ClassicPcapReader.MAGIC_MICROS, 65535, LinkTypes.ETHERNET)
                .record(1_700_000_000L, 1, data(60, 1), 60)
                .record(1_700_000_000L, 2, data(70, 2), 70)
                .record(1_700_000_000L, 3, data(80, 3), 80);
    }

    private static void assertFails(Path file, String message) {
        assertThatThrownBy(() -> new PcapFileSource(file).close())
                .isInstanceOf(CaptureException.class)
                .hasMessage(message);
    }

    private static void assertDeliversThenWarns(Path file, int frames, String warning) {
        try (PcapFileSource source = new PcapFileSource(file)) {
            List<FrameCopy> delivered = FrameCopy.readAll(source);
            assertThat(delivered).hasSize(frames);
            for (int i = 0; i < frames; i++) {
                assertThat(delivered.get(i).number()).isEqualTo(i + 1);
                assertThat(delivered.get(i).data()[0]).isEqualTo((byte) (i + 1));
            }
            SourceReport report = source.report();
            assertThat(report.frames()).isEqualTo(frames);
            assertThat(report.warnings()).containsExactly(warning);
            // A second run neither repeats nor adds anything.
            assertThat(FrameCopy.readAll(source)).isEmpty();
            assertThat(source.report().warnings()).containsExactly(warning);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
