package io.otsoc.collector.protocol.mqtt;

/** A packet body that breaks the specification; the message says what and where. Never leaves the package. */
final class MqttFormatException extends Exception {

    MqttFormatException(String message) {
        super(message, null, false, false);
    }
}
