package io.otsoc.routes.bench;

/** The bench cannot go on; the message is one line naming what is missing or broken and where. */
public final class BenchException extends RuntimeException {

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
