package io.otsoc.collector.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Opens capture files and directories of captures as one source. */
public final class CaptureFiles {

    /** Enough to check a header and reach the first frame; a larger first record grows it. */
    private static final int PROBE_BUFFER_SIZE = 64 * 1024;

    private CaptureFiles() {
    }

    /**
     * One source over the given PCAP/PCAPNG files and directories (their captures, recursively), read in the
     * order of each file's first timestamp. Every file's header is checked before this returns, so a bad input
     * fails here with a one-line {@link CaptureException} naming the file, before any frame is delivered.
     * In a directory, files named {@code *.pcap}, {@code *.pcapng} and {@code *.cap} are read; a file named
     * explicitly is read whatever its name.
     */
    public static PacketSource open(List<Path> filesOrDirectories) {
        if (filesOrDirectories == null || filesOrDirectories.isEmpty()) {
            throw new CaptureException("no capture files given");
        }
        if (filesOrDirectories.size() == 1 && !Files.isDirectory(filesOrDirectories.get(0))) {
            return new PcapFileSource(filesOrDirectories.get(0));
        }
        List<Path> files = expand(filesOrDirectories);
        List<Path> ordered = inTimeOrder(files);
        String name = filesOrDirectories.size() == 1
                ? filesOrDirectories.get(0).toString()
                : filesOrDirectories.get(0) + " and " + (filesOrDirectories.size() - 1) + " more";
        return new CaptureSetSource(name, ordered);
    }

    private static List<Path> expand(List<Path> inputs) {
        Set<Path> files = new LinkedHashSet<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                List<Path> found = capturesUnder(input);
                if (found.isEmpty()) {
                    throw new CaptureException(input + ": no capture files (*.pcap, *.pcapng, *.cap)");
                }
                files.addAll(found);
            } else if (Files.exists(input)) {
                files.add(input);
            } else {
                throw new CaptureException(input + ": cannot read: no such file");
            }
        }
        return new ArrayList<>(files);
    }

    private static List<Path> capturesUnder(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).filter(CaptureFiles::hasCaptureName).sorted().toList();
        } catch (IOException e) {
            throw new CaptureException(directory + ": cannot read: " + CaptureProblems.reason(e), e);
        } catch (UncheckedIOException e) {
            throw new CaptureException(directory + ": cannot read: " + CaptureProblems.reason(e.getCause()), e);
        }
    }

    private static boolean hasCaptureName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".pcap") || name.endsWith(".pcapng") || name.endsWith(".cap");
    }

    /** Checks every file and orders them by first timestamp; files without frames go last, ties keep their order. */
    private static List<Path> inTimeOrder(List<Path> files) {
        byte[] probe = new byte[PROBE_BUFFER_SIZE];
        record Checked(Path file, long firstTimestampMicros) {
        }
        List<Checked> checked = new ArrayList<>(files.size());
        for (Path file : files) {
            try (PcapFileSource source = new PcapFileSource(file, probe)) {
                checked.add(new Checked(file, source.firstTimestampMicros()));
            }
        }
        checked.sort(Comparator.comparingLong(Checked::firstTimestampMicros));
        return checked.stream().map(Checked::file).toList();
    }
}
