package io.otsoc.collector.flow;

/** Why a flow's decoder was closed. */
public enum CloseReason {
    /** FIN reached in both directions, or RST. */
    FINISHED,
    /** Silent longer than the idle timeout (capture time). */
    IDLE,
    /** Pushed out of the full flow table as the least recently seen flow. */
    EVICTED,
    /** The capture or session ended. */
    END_OF_CAPTURE
}
