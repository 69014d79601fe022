package io.otsoc.collector.protocol.iec104;

/**
 * One application protocol data unit (IEC 60870-5-104 section 5): start octet 0x68, length of the rest (4-253),
 * four control octets in I, S or U format and, in I format only, an ASDU.
 *
 * @param format          'I' numbered information transfer, 'S' numbered supervisory, 'U' unnumbered control
 * @param length          the APDU length octet
 * @param sendSequence    N(S) of an I-format APDU, else -1
 * @param receiveSequence N(R) of an I- or S-format APDU, else -1
 * @param function        the function of a U-format APDU, else null
 * @param asdu            the ASDU of an I-format APDU whose control field is valid, else null
 * @param problem         what is wrong with the control field or the length for this format, or null
 */
record Apdu(char format, int length, int sendSequence, int receiveSequence, UFunction function, Asdu asdu,
            String problem) {

    static final int START = 0x68;
    static final int MIN_LENGTH = 4;
    static final int MAX_LENGTH = 253;
    /** Start octet, length octet and the largest length. */
    static final int MAX_APDU = 2 + MAX_LENGTH;
}
