package io.otsoc.collector.capture;

/** Receives frames from a {@link PacketSource}, one at a time, on the source's thread. */
@FunctionalInterface
public interface FrameHandler {

    /** The frame is only valid during the call. */
    void onFrame(Frame frame);
}
