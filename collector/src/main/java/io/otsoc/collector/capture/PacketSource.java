package io.otsoc.collector.capture;

/**
 * Where frames come from: a capture file, a directory of captures in time order, or a live interface.
 * Passive by contract: no implementation ever transmits.
 */
public interface PacketSource extends AutoCloseable {

    /** A short name for messages and summaries: the file, directory or interface. */
    String name();

    /**
     * Delivers every frame, in capture order, to the handler on the calling thread, until the source is
     * exhausted or {@link #stop()} is called.
     *
     * @throws CaptureException when the source cannot be read at all; a problem after some frames were
     *                          delivered (e.g. truncation) is reported in {@link #report()} instead
     */
    void run(FrameHandler handler);

    /** Asks a running {@link #run} to return soon; safe from any thread. */
    void stop();

    /** Counts and warnings so far. */
    SourceReport report();

    @Override
    void close();
}
