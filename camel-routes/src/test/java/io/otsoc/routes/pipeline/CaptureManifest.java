package io.otsoc.routes.pipeline;

import io.otsoc.collector.testing.SharedFixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The shared captures and their frame counts as {@code ../shared/pcaps/MANIFEST.tsv} gives them ({@code capinfos}),
 * the oracle for what the reader must deliver.
 */
public final class CaptureManifest {

    private CaptureManifest() {
    }

    /** Every capture file under {@code pcaps/} (pcap or pcapng), as a path relative to it, in name order. */
    public static Stream<String> captures() {
        Path pcaps = SharedFixtures.root().resolve("pcaps");
        try (Stream<Path> files = Files.walk(pcaps)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> pcaps.relativize(p).toString())
                    .filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng"))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Frame count per capture path (relative to {@code pcaps/}). */
    public static Map<String, Long> packetCounts() {
        Map<String, Long> counts = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(SharedFixtures.pcap("MANIFEST.tsv"))) {
                String[] columns = line.split("\t");
                String path = columns[0];
                if (columns.length > 3 && (path.endsWith(".pcap") || path.endsWith(".pcapng"))) {
                    counts.put(path, Long.parseLong(columns[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    public static long packetCount(String capture) {
        Long count = packetCounts().get(capture);
        if (count == null) {
            throw new AssertionError(capture + " is not in the manifest");
        }
        return count;
    }
}
