package io.otsoc.routes.bench;

import io.otsoc.collector.capture.PcapFileSource;

import java.nio.file.Path;

/** (a) The file-reading floor: {@link PcapFileSource} over the corpus, touching one byte of every frame. */
final class ReadOnlyPath implements MeasuredPath {

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
        FrameTally tally = new FrameTally();
        try (PcapFileSource source = new PcapFileSource(corpus)) {
            source.run(frame -> tally.add(frame.data(), frame.offset(), frame.capturedLength()));
        }
        return tally.run();
    }
}
