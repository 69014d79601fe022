package io.otsoc.collector.model;

/** Whether an operation succeeded, as far as the traffic tells. */
public enum Outcome {
    /** A normal response was seen. */
    SUCCESS,
    /** An exception or error response was seen, or the message was malformed. */
    FAILURE,
    /** No response was seen (yet), or the protocol has none. */
    UNKNOWN
}
