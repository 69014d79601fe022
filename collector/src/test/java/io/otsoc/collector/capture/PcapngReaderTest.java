package io.otsoc.collector.capture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.otsoc.collector.capture.CaptureBytes.data;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PCAPNG features on hand-built files; every expected timestamp is worked out from the specification's
 * definition of if_tsresol (bit 7 clear: 10^-v s, set: 2^-v s) and if_tsoffset (seconds added).
 */
class PcapngReaderTest {

    private static final int UNSUPPORTED = 147;

    @TempDir
    Path dir;

    @Test
    void readsSectionsInBothByteOrdersWithTheirInterfacesAndPacketBlocks() throws IOException {
        byte[] f1 = data(60, 1);
        byte[] f2 = data(64, 2);
        byte[] skipped = data(20, 3);
        byte[] f3 = data(40, 4);
        byte[] f4 = data(28, 5);
        byte[] f5 = data(61, 6);
        byte[] f6 = data(54, 7);
        byte[] f7 = data(64, 8);
        CaptureBytes file = CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)             // 0: microseconds (default)
                .interfaceBlock(LinkTypes.ETHERNET, 65535, 9, null)            // 1: nanoseconds
                .interfaceBlock(LinkTypes.RAW, 0, 0x80 | 20, null)             // 2: 2^-20 s
                .interfaceBlock(LinkTypes.IPV4, 0, 3, 10L)                     // 3: milliseconds, +10 s
                .interfaceBlock(UNSUPPORTED, 0, null, null)                    // 4: not understood
                .enhancedPacket(0, 1_700_000_000_000_001L, f1, 60)
                .block(0x40000BAD, data(10, 0))                                // custom block: skipped
                .block(4, new byte[]{0, 0, 0, 0})                              // name resolution: skipped
                .enhancedPacket(1, 1_700_000_000_123_456_789L, f2, 1514)
                .enhancedPacket(4, 1_700_000_000_200_000L, skipped, 20)
                .enhancedPacket(2, (1_700_000_000L << 20) + (1 << 19) + 3, f3, 40)
                .obsoletePacket(3, 1_700_000_000_123L, f4, 28)
                .simplePacket(f5, 61)
                .block(5, new byte[8])                                         // interface statistics: skipped
                .section(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(LinkTypes.LINUX_SLL, 64, 6, null)
                .enhancedPacket(0, 1_700_000_100_000_000L, f6, 54)
                .simplePacket(f7, 1000);                                       // cut to the snap length 64
        Path path = write("features.pcapng", file.bytes());

        List<FrameCopy> frames;
        SourceReport report;
        try (PcapFileSource source = new PcapFileSource(path)) {
            frames = FrameCopy.readAll(source);
            report = source.report();
        }

        assertThat(frames).containsExactly(
                new FrameCopy(1, 1_700_000_000_000_001L, 60, 60, LinkTypes.ETHERNET, f1),
                // 1,700,000,000.123456789 s -> .123456 (truncated, as libpcap does)
                new FrameCopy(2, 1_700_000_000_123_456L, 64, 1514, LinkTypes.ETHERNET, f2),
                // fraction (2^19 + 3) / 2^20 s = 0.50000286 s -> 500002 us
                new FrameCopy(3, 1_700_000_000_500_002L, 40, 40, LinkTypes.RAW, f3),
                // 1,700,000,000.123 s + 10 s offset
                new FrameCopy(4, 1_700_000_010_123_000L, 28, 28, LinkTypes.IPV4, f4),
                // a simple packet block has no timestamp: it keeps the previous frame's
                new FrameCopy(5, 1_700_000_010_123_000L, 61, 61, LinkTypes.ETHERNET, f5),
                new FrameCopy(6, 1_700_000_100_000_000L, 54, 54, LinkTypes.LINUX_SLL, f6),
                new FrameCopy(7, 1_700_000_100_000_000L, 64, 1000, LinkTypes.LINUX_SLL, f7));
        assertThat(report.frames()).isEqualTo(7);
        assertThat(report.bytes()).isEqualTo(60 + 64 + 40 + 28 + 61 + 54 + 64);
        assertThat(report.warnings()).containsExactly(path + ": skipped 1 frames of interface 4 in section 1:"
                + " unsupported link type 147 (LINKTYPE_147)");
    }

    @Test
    void bigEndianFirstSectionAndBinaryResolutionExtremes() throws IOException {
        byte[] f1 = data(30, 1);
        byte[] f2 = data(30, 2);
        Path path = write("be.pcapng", CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, 0x80 | 62, null)  // 2^-62 s: fractions need 128-bit math
                .interfaceBlock(LinkTypes.ETHERNET, 0, 0, -5L)           // whole seconds, 5 s earlier
                .enhancedPacket(0, (3L << 62) | (1L << 61), f1, 30)      // 3.5 s
                .enhancedPacket(1, 1_000L, f2, 30)
                .bytes());
        try (PcapFileSource source = new PcapFileSource(path)) {
            assertThat(FrameCopy.readAll(source)).containsExactly(
                    new FrameCopy(1, 3_500_000L, 30, 30, LinkTypes.ETHERNET, f1),
                    new FrameCopy(2, 995_000_000L, 30, 30, LinkTypes.ETHERNET, f2));
        }
    }

    @Test
    void handBuiltPcapngReadsAsLibpcapReadsIt() throws Exception {
        Pcap4jFrames.require();
        // One section and one link type, which libpcap also accepts; simple packet blocks are left out because
        // libpcap gives them timestamp 0.
        CaptureBytes file = CaptureBytes.pcapng(ByteOrder.BIG_ENDIAN)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .interfaceBlock(LinkTypes.ETHERNET, 262144, 9, null)
                .interfaceBlock(LinkTypes.ETHERNET, 0, 0x80 | 20, null)
                .interfaceBlock(LinkTypes.ETHERNET, 0, 3, 10L);
        long[] units = {1_700_000_000_000_001L, 1_700_000_000_999_999_999L, (1_700_000_000L << 20) + 999_999,
                1_700_000_000_999L};
        for (int i = 0; i < 40; i++) {
            int id = i % 4;
            if (i % 5 == 4) {
                file.obsoletePacket(id, units[id] + i, data(60 + i, i), 60 + i);
            } else {
                file.enhancedPacket(id, units[id] + i, data(60 + i, i), 1514);
            }
            if (i % 7 == 0) {
                file.block(5, new byte[8]);
            }
        }
        Path path = write("libpcap.pcapng", file.bytes());
        try (PcapFileSource source = new PcapFileSource(path)) {
            assertThat(FrameCopy.readAll(source)).isEqualTo(Pcap4jFrames.read(path));
        }
    }

    @Test
    void anUnsupportedFirstInterfaceIsSkippedWhenAnotherIsSupported() throws IOException {
        byte[] kept = data(50, 9);
        Path path = write("first-unsupported.pcapng", CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN)
                .interfaceBlock(UNSUPPORTED, 0, null, null)
                .interfaceBlock(LinkTypes.ETHERNET, 0, null, null)
                .enhancedPacket(0, 1_000_000L, data(20, 1), 20)
                .enhancedPacket(0, 2_000_000L, data(20, 2), 20)
                .enhancedPacket(1, 3_000_000L, kept, 50)
                .bytes());
        try (PcapFileSource source = new PcapFileSource(path)) {
            assertThat(source.firstTimestampMicros()).isEqualTo(3_000_000L);
            assertThat(FrameCopy.readAll(source)).containsExactly(
                    new FrameCopy(1, 3_000_000L, 50, 50, LinkTypes.ETHERNET, kept));
            assertThat(source.report().warnings()).containsExactly(path + ": skipped 2 frames of interface 0 in"
                    + " section 1: unsupported link type 147 (LINKTYPE_147)");
        }
    }

    @Test
    void aFileWithOnlyASectionHeaderHasNoFrames() throws IOException {
        Path path = write("empty-section.pcapng", CaptureBytes.pcapng(ByteOrder.LITTLE_ENDIAN).bytes());
        try (PcapFileSource source = new PcapFileSource(path)) {
            assertThat(FrameCopy.readAll(source)).isEmpty();
            assertThat(source.report().warnings()).isEmpty();
            assertThat(source.firstTimestampMicros()).isEqualTo(Long.MAX_VALUE);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
