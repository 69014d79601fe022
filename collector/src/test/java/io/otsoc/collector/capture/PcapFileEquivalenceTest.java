package io.otsoc.collector.capture;

import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance proof of the plain Java reader: every shared capture read by {@link PcapFileSource} and by
 * libpcap (pcap4j) gives the same frames, with the same timestamps, lengths and bytes.
 */
class PcapFileEquivalenceTest {

    private static final int MIN_EXPECTED_CAPTURES = 150;

    static List<Path> sharedCaptures() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SharedFixtures.root().resolve("pcaps"))) {
            walk.filter(Files::isRegularFile).filter(PcapFileEquivalenceTest::isCaptureName).sorted().forEach(files::add);
        }
        Path communityId = SharedFixtures.spec("community-id/pcaps");
        try (Stream<Path> list = Files.list(communityId)) {
            list.filter(f -> f.getFileName().toString().endsWith(".pcap")).sorted().forEach(files::add);
        }
        return files;
    }

    private static boolean isCaptureName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pcap") || name.endsWith(".pcapng");
    }

    @Test
    void findsTheSharedCaptures() throws IOException {
        // Guards the factory below against silently running over an empty or moved folder.
        assertThat(sharedCaptures()).hasSizeGreaterThanOrEqualTo(MIN_EXPECTED_CAPTURES);
    }

    @TestFactory
    Stream<DynamicTest> everySharedCaptureReadsAsLibpcapReadsIt() throws IOException {
        Pcap4jFrames.require();
        Path root = SharedFixtures.root();
        return sharedCaptures().stream().map(file -> DynamicTest.dynamicTest(
                root.relativize(file).toString(), () -> assertSameAsLibpcap(file)));
    }

    private static void assertSameAsLibpcap(Path file) throws Exception {
        List<FrameCopy> expected = Pcap4jFrames.read(file);
        List<FrameCopy> actual;
        SourceReport report;
        try (PcapFileSource source = new PcapFileSource(file)) {
            actual = FrameCopy.readAll(source);
            report = source.report();
        }
        assertThat(actual).as("frame count of %s", file).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            FrameCopy want = expected.get(i);
            FrameCopy got = actual.get(i);
            assertThat(got.number()).as("number of frame %d", i + 1).isEqualTo(i + 1);
            assertThat(got.timestampMicros()).as("timestamp of frame %d", i + 1).isEqualTo(want.timestampMicros());
            assertThat(got.capturedLength()).as("captured length of frame %d", i + 1).isEqualTo(want.capturedLength());
            assertThat(got.originalLength()).as("original length of frame %d", i + 1).isEqualTo(want.originalLength());
            assertThat(got.linkType()).as("link type of frame %d", i + 1).isEqualTo(want.linkType());
            assertThat(got.data()).as("bytes of frame %d", i + 1).isEqualTo(want.data());
        }
        assertThat(report.frames()).isEqualTo(expected.size());
        assertThat(report.bytes()).isEqualTo(expected.stream().mapToLong(FrameCopy::capturedLength).sum());
        assertThat(report.warnings()).isEmpty();
    }
}
