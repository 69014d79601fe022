package io.otsoc.collector.capture;

/**
 * A capture cannot be read at all: not a capture, empty, unsupported link type, unreadable, or an interface
 * that cannot be opened. The message is one line and names the file or interface.
 */
public class CaptureException extends RuntimeException {

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
