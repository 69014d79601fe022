package io.otsoc.collector.protocol.dnp3;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/** DNP3 over TCP and UDP on the IANA-registered port 20000 (IEEE 1815-2012, annex on IP networking). */
public final class Dnp3DecoderFactory implements ProtocolDecoderFactory {

    public static final int PORT = 20000;

    @Override
    public String protocol() {
        return Dnp3Decoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {PORT};
    }

    @Override
    public int[] udpPorts() {
        return new int[] {PORT};
    }

    /**
     * A payload that starts with a DNP3 link header (0x05 0x64, a length of at least 5, and a header CRC that
     * checks) is DNP3: the 16-bit CRC makes a false match on other bytes a 1-in-65536 event after the start bytes.
     */
    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (length < 10 || buf[offset] != 0x05 || buf[offset + 1] != 0x64 || (buf[offset + 2] & 0xFF) < 5) {
            return false;
        }
        int crc = (buf[offset + 8] & 0xFF) | (buf[offset + 9] & 0xFF) << 8;
        return Dnp3Crc.compute(buf, offset, 8) == crc;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new Dnp3Decoder(flow, output);
    }
}
