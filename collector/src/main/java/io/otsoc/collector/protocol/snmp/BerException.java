package io.otsoc.collector.protocol.snmp;

/** A BER encoding or SNMP structure problem; the message says what was wrong and where. Never leaves the package. */
final class BerException extends Exception {

    BerException(String message) {
        super(message, null, false, false);
    }
}
