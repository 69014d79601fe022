package io.otsoc.collector.capture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Capture files read one after another, in the order of their first timestamps, as one source: frames are
 * numbered across the set, counts and warnings are summed. Each file is opened only when its turn comes (so a
 * directory of thousands of files holds one file and one buffer at a time); a file that vanished or went bad
 * since it was checked becomes a warning naming it, and the others still run.
 */
public final class CaptureSetSource implements PacketSource {

    private final String name;
    private final List<Path> files;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private byte[] buffer;
    private int nextFile;
    private volatile int filesRead;
    private long frames;
    private long bytes;
    private volatile PcapFileSource current;
    private volatile boolean stopped;

    /** The files in reading order, already checked. */
    CaptureSetSource(String name, List<Path> filesInReadingOrder) {
        this.name = name;
        this.files = List.copyOf(filesInReadingOrder);
    }

    /** The files in the order they are read. */
    public List<Path> files() {
        return files;
    }

    /** Files opened and read so far (wholly, or up to a problem that became a warning); skipped files not counted. */
    public int filesRead() {
        return filesRead;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void run(FrameHandler handler) {
        if (buffer == null) {
            buffer = new byte[PcapFileSource.DEFAULT_BUFFER_SIZE];
        }
        while (!stopped && nextFile < files.size()) {
            Path file = files.get(nextFile++);
            PcapFileSource source;
            try {
                source = new PcapFileSource(file, buffer);
            } catch (CaptureException e) {
                warnings.add(e.getMessage() + "; skipped");
                continue;
            }
            source.numberFrom(frames + 1);
            current = source;
            try {
                if (!stopped) {
                    filesRead++;
                    source.run(handler);
                }
            } finally {
                SourceReport done = source.report();
                frames += done.frames();
                bytes += done.bytes();
                warnings.addAll(done.warnings());
                current = null;
                source.close();
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
        PcapFileSource running = current;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public SourceReport report() {
        PcapFileSource running = current;
        if (running == null) {
            return new SourceReport(frames, bytes, 0, warnings);
        }
        SourceReport partial = running.report();
        List<String> all = new ArrayList<>(warnings);
        all.addAll(partial.warnings());
        return new SourceReport(frames + partial.frames(), bytes + partial.bytes(), 0, all);
    }

    @Override
    public void close() {
        stop();
    }
}
