package io.otsoc.collector.capture;

import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.otsoc.collector.capture.CaptureBytes.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Classic pcap reading: the variants of the format, buffer edges, numbering and stopping. */
class PcapFileSourceTest {

    /** A real capture, little-endian microseconds, Ethernet. */
    private static final String REAL_CAPTURE = "modbus/modbus_test.pcap";
    /** A real capture with frames larger than 1500 bytes. */
    private static final String LARGE_FRAMES = "mqtt/sv-mqtt-large-messages.pcap";

    @TempDir
    Path dir;

    @Test
    void readsHandBuiltRecordsAsTheFormatDefinesThem() throws IOException {
        byte[] first = data(60, 1);
        byte[] second = data(10, 2);
        byte[] empty = new byte[0];
        Path file = write("three.pcap", CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN, ClassicPcapReader.MAGIC_MICROS,
                65535, LinkTypes.ETHERNET)
                .record(1_700_000_000L, 999_999, first, 60)
                .record(1_700_000_001L, 0, second, 1514) // cut by the snap length: 10 of 1514 bytes kept
                .record(0xFFFF_FFF0L, 5, empty, 0)         // seconds beyond 2^31 are unsigned
                .bytes());

        List<FrameCopy> frames;
        SourceReport report;
        try (PcapFileSource source = new PcapFileSource(file)) {
            assertThat(source.name()).isEqualTo(file.toString());
            frames = FrameCopy.readAll(source);
            report = source.report();
        }

        assertThat(frames).containsExactly(
                new FrameCopy(1, 1_700_000_000_999_999L, 60, 60, LinkTypes.ETHERNET, first),
                new FrameCopy(2, 1_700_000_001_000_000L, 10, 1514, LinkTypes.ETHERNET, second),
                new FrameCopy(3, 0xFFFF_FFF0L * 1_000_000L + 5, 0, 0, LinkTypes.ETHERNET, empty));
        assertThat(report.frames()).isEqualTo(3);
        assertThat(report.bytes()).isEqualTo(70);
        assertThat(report.dropped()).isZero();
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void readsTheModifiedFormatWithItsLongerRecordHeaders() throws IOException {
        // 0xa1b2cd34: each record header carries 8 more bytes (ifindex, protocol, type, pad) after the lengths.
        byte[] payload = data(42, 7);
        Path file = write("modified.pcap", CaptureBytes.classic(ByteOrder.LITTLE_ENDIAN,
                ClassicPcapReader.MAGIC_MODIFIED, 65535, LinkTypes.ETHERNET)
                .recordHeader(1_600_000_000L, 250_000, payload.length, payload.length)
                .int32(2).int16(0x0800).raw(new byte[]{0, 0}).raw(payload)
                .bytes());

        try (PcapFileSource source = new PcapFileSource(file)) {
            assertThat(FrameCopy.readAll(source)).containsExactly(
                    new FrameCopy(1, 1_600_000_000_250_000L, 42, 42, LinkTypes.ETHERNET, payload));
        }
    }

    @Test
    void nanosecondCaptureGivesTheSameFramesTruncatedToMicroseconds() throws Exception {
        assertConvertedReadsLikeOriginal(ByteOrder.LITTLE_ENDIAN, true);
    }

    @Test
    void bigEndianCaptureGivesTheSameFrames() throws Exception {
        assertConvertedReadsLikeOriginal(ByteOrder.BIG_ENDIAN, false);
    }

    @Test
    void bigEndianNanosecondCaptureGivesTheSameFrames() throws Exception {
        assertConvertedReadsLikeOriginal(ByteOrder.BIG_ENDIAN, true);
    }

    private void assertConvertedReadsLikeOriginal(ByteOrder order, boolean nanos) throws Exception {
        Path original = SharedFixtures.pcap(REAL_CAPTURE);
        Path converted = dir.resolve("converted.pcap");
        Files.write(converted, ClassicCaptures.convert(Files.readAllBytes(original), order, nanos));
        byte[] head = Files.readAllBytes(converted);
        assertThat(head[0]).as("first magic byte").isEqualTo(order == ByteOrder.BIG_ENDIAN ? (byte) 0xA1
                : (byte) (nanos ? 0x4D : 0xD4));

        List<FrameCopy> expected;
        try (PcapFileSource source = new PcapFileSource(original)) {
            expected = FrameCopy.readAll(source);
        }
        List<FrameCopy> actual;
        try (PcapFileSource source = new PcapFileSource(converted)) {
            actual = FrameCopy.readAll(source);
            assertThat(source.report().warnings()).isEmpty();
        }
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(actual).isEqualTo(expected);
        // libpcap reads the converted file the same way.
        Pcap4jFrames.require();
        assertThat(Pcap4jFrames.read(converted)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 100, 1000, 1517, 16384})
    void buffersSmallerThanTheFramesGiveTheSameFrames(int bufferSize) {
        Path file = SharedFixtures.pcap(LARGE_FRAMES);
        List<FrameCopy> expected;
        try (PcapFileSource source = new PcapFileSource(file)) {
            expected = FrameCopy.readAll(source);
        }
        assertThat(expected.stream().mapToInt(FrameCopy::capturedLength).max().orElse(0))
                .as("the capture must hold frames larger than the smallest buffers")
                .isGreaterThan(16384);
        try (PcapFileSource source = new PcapFileSource(file, bufferSize)) {
            assertThat(FrameCopy.readAll(source)).isEqualTo(expected);
            assertThat(source.report().warnings()).isEmpty();
        }
    }

    @Test
    void pcapngThroughASmallBufferGivesTheSameFrames() {
        Path file = SharedFixtures.pcap("profinet/profinet_io_cm_mixed_2.pcapng");
        List<FrameCopy> expected;
        try (PcapFileSource source = new PcapFileSource(file)) {
            expected = FrameCopy.readAll(source);
        }
        assertThat(expected).hasSizeGreaterThan(1000);
        try (PcapFileSource source = new PcapFileSource(file, 64)) {
            assertThat(FrameCopy.readAll(source)).isEqualTo(expected);
        }
    }

    @Test
    void stopFromTheHandlerEndsTheRunAfterThatFrame() {
        Path file = SharedFixtures.pcap(REAL_CAPTURE);
        List<Long> numbers = new ArrayList<>();
        try (PcapFileSource source = new PcapFileSource(file)) {
            source.run(frame -> {
                numbers.add(frame.number());
                if (frame.number() == 5) {
                    source.stop();
                }
            });
            assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(source.report().frames()).isEqualTo(5);
        }
    }

    @Test
    void frameIsReusedAndPointsIntoTheSourceBuffer() {
        // The zero-copy contract: one Frame instance, one backing array, for every frame of a file that fits.
        Path file = SharedFixtures.pcap(REAL_CAPTURE);
        List<Frame> instances = new ArrayList<>();
        List<byte[]> arrays = new ArrayList<>();
        try (PcapFileSource source = new PcapFileSource(file)) {
            source.run(frame -> {
                if (instances.isEmpty() || instances.get(0) != frame) {
                    instances.add(frame);
                }
                if (arrays.isEmpty() || arrays.get(arrays.size() - 1) != frame.data()) {
                    arrays.add(frame.data());
                }
            });
        }
        assertThat(instances).hasSize(1);
        assertThat(arrays).hasSize(1);
    }

    @Test
    void readingAllocatesNothingPerFrame() {
        // Allocation is counted, not timed: a run over thousands of frames may allocate only a fixed amount.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "no allocation counter in this JVM");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        long thread = Thread.currentThread().getId();
        long[] frames = new long[1];
        FrameHandler handler = frame -> frames[0]++;
        for (String capture : List.of("modbus/ModbusTCP.pcap", "profinet/profinet_io_cm_mixed_2.pcapng")) {
            Path file = SharedFixtures.pcap(capture);
            try (PcapFileSource source = new PcapFileSource(file)) {
                frames[0] = 0;
                long before = counter.getThreadAllocatedBytes(thread);
                source.run(handler);
                long allocated = counter.getThreadAllocatedBytes(thread) - before;
                assertThat(frames[0]).isGreaterThan(1000);
                assertThat(allocated).as("bytes allocated while reading %d frames of %s", frames[0], capture)
                        .isLessThan(16 * 1024);
            }
        }
    }

    @Test
    void pcapngFileNamedPcapIsToldByItsContent() {
        Path file = SharedFixtures.pcap("other/hart_ip.pcap");
        try (PcapFileSource source = new PcapFileSource(file)) {
            assertThat(FrameCopy.readAll(source)).hasSize(116);
        }
    }

    @Test
    void framesCarryTheLinkTypeOfTheirCapture() {
        Path file = SharedFixtures.pcap("arp/linuxsll-arp.pcap");
        try (PcapFileSource source = new PcapFileSource(file)) {
            assertThat(FrameCopy.readAll(source)).isNotEmpty().allMatch(f -> f.linkType() == LinkTypes.LINUX_SLL);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }
}
