package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/** IEC 60870-5-104 on its registered port, 2404 (IEC 60870-5-104 section 10.2). */
public final class Iec104DecoderFactory implements ProtocolDecoderFactory {

    public static final int TCP_PORT = 2404;

    @Override
    public String protocol() {
        return Iec104Decoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {TCP_PORT};
    }

    @Override
    public int[] udpPorts() {
        return new int[0];
    }

    /**
     * Yes only for a TCP segment made of whole APDUs (the last may be cut by the segment's end after its length
     * octet): each starts with 0x68, has a length of 4-253 and a valid control field for that length (S and U
     * format exactly 4 octets with their fixed bits; U with exactly one function bit), and each I-format APDU
     * carries an ASDU of a standard type whose information objects fill the APDU exactly.
     */
    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (!tcp || length < 6 || offset < 0 || offset + length > buf.length) {
            return false;
        }
        int p = offset;
        int end = offset + length;
        int complete = 0;
        while (p < end) {
            if ((buf[p] & 0xFF) != Apdu.START) {
                return false;
            }
            if (p + 1 >= end) {
                return complete > 0;
            }
            int len = buf[p + 1] & 0xFF;
            if (len < Apdu.MIN_LENGTH || len > Apdu.MAX_LENGTH) {
                return false;
            }
            if (p + 2 + len > end) {
                return complete > 0;
            }
            Apdu apdu = ApduParser.parse(buf, p);
            if (apdu.problem() != null) {
                return false;
            }
            Asdu a = apdu.asdu();
            if (a != null && (a.type() == null || a.problem() != null || a.count() == 0 || Cause.name(a.cause()) == null)) {
                return false;
            }
            complete++;
            p += 2 + len;
        }
        return complete > 0;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new Iec104Decoder(flow, output);
    }
}
