package io.otsoc.collector.protocol;

/** Which way bytes travel within a flow oriented client to server. */
public enum Direction {
    TO_SERVER, TO_CLIENT;

    public Direction reverse() {
        return this == TO_SERVER ? TO_CLIENT : TO_SERVER;
    }
}
