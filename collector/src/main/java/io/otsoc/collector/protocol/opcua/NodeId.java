package io.otsoc.collector.protocol.opcua;

/**
 * A decoded NodeId: its encoding byte, namespace index and, for the numeric encodings, its identifier
 * ({@code -1} for string, GUID and opaque identifiers, whose text is kept when it is a string).
 */
record NodeId(int encodingMask, int namespace, long numeric, String text) {

    static NodeId numeric(int mask, int namespace, long id) {
        return new NodeId(mask, namespace, id, null);
    }

    static NodeId other(int mask, int namespace, String text) {
        return new NodeId(mask, namespace, -1, text);
    }

    /** The numeric identifier of a namespace-0 node, or -1. */
    long standardId() {
        return namespace == 0 ? numeric : -1;
    }
}
