package io.otsoc.routes.delivery;

/** A destination could not take a batch at all; the message names the destination. */
public class DeliveryException extends RuntimeException {

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeliveryException(String message) {
        super(message);
    }
}
