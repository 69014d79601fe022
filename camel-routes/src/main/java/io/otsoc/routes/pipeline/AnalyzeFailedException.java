package io.otsoc.routes.pipeline;

/** A run did not complete; nothing of it was committed. The message is one line. */
public class AnalyzeFailedException extends RuntimeException {

    public AnalyzeFailedException(String message) {
        super(message);
    }

    public AnalyzeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
