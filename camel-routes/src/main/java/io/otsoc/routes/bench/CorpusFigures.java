package io.otsoc.routes.bench;

import io.otsoc.collector.capture.PcapFileSource;

import java.nio.file.Path;

/**
 * The corpus's size, and the size of its first frames (what a reference tool limited with {@code -c} reads).
 *
 * @param frames      frames in the corpus
 * @param bytes       captured bytes of those frames
 * @param headFrames  frames in the head, at most the limit asked for
 * @param headBytes   captured bytes of the head
 */
record CorpusFigures(long frames, long bytes, long headFrames, long headBytes) {

    /** Reads the corpus once; {@code headLimit} frames form the head. */
    static CorpusFigures of(Path corpus, long headLimit) {
        long[] n = new long[4];
        try (PcapFileSource source = new PcapFileSource(corpus)) {
            source.run(frame -> {
                n[0]++;
                n[1] += frame.capturedLength();
                if (n[0] <= headLimit) {
                    n[2]++;
                    n[3] += frame.capturedLength();
                }
            });
        }
        return new CorpusFigures(n[0], n[1], n[2], n[3]);
    }
}
