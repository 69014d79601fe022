package io.otsoc.routes.opensearch;

/** The embedded node could not be found, launched or made ready; the message names the port and the data. */
public class EmbeddedOpenSearchException extends RuntimeException {

    public EmbeddedOpenSearchException(String message) {
        super(message);
    }

    public EmbeddedOpenSearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
