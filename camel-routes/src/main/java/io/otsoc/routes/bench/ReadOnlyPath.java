package io.otsoc.routes.bench;

import io.otsoc.collector.capture.PcapFileSource;

import java.nio.file.Path;

/** (a) The file-reading floor: {@link PcapFileSource} over the corpus, touching one byte of every frame. */
final class ReadOnlyPath implements MeasuredPath {

    /** Keeps the JIT from dropping the reads. */
    static volatile long checksum;

    @Override
    public String label() {
        return "(a) read only: PcapFileSource";
    }

    @Override
    public boolean onCallingThread() {
        return true;
    }

    @Override
    public PathRun run(Path corpus) {
        long[] counts = new long[3];
        try (PcapFileSource source = new PcapFileSource(corpus)) {
            source.run(frame -> {
                counts[0]++;
                counts[1] += frame.capturedLength();
                if (frame.capturedLength() > 0) {
                    counts[2] += frame.data()[frame.offset()];
                }
            });
        }
        checksum += counts[2];
        return new PathRun(counts[0], counts[1], -1, -1, -1);
    }
}
