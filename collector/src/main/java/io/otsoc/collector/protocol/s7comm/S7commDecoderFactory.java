package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;
import io.otsoc.collector.protocol.mms.MmsSession;

import java.util.List;

/**
 * ISO-on-TCP (RFC 1006 TPKT + ISO 8073 COTP) on its registered port, 102, which carries either Siemens S7comm /
 * S7comm-plus or, through the OSI session and presentation layers, MMS (IEC 61850 station bus): one decoder reads
 * the transport and hands each connection's data units to the protocol it carries.
 */
public final class S7commDecoderFactory implements ProtocolDecoderFactory {

    public static final int TCP_PORT = 102;

    @Override
    public String protocol() {
        return S7commDecoder.PROTOCOL;
    }

    @Override
    public List<String> protocols() {
        return List.of(S7commDecoder.PROTOCOL, MmsSession.PROTOCOL);
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
     * A segment that is one whole TPKT (version 3, reserved 0, length equal to the segment) carrying a COTP
     * connection request or confirm (length indicator inside the TPKT), or a COTP data TPDU whose payload starts
     * with the S7comm (0x32) or S7comm-plus (0x72) protocol id, is S7 over ISO-on-TCP.
     */
    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (!tcp || length < 7 || buf[offset] != 0x03 || buf[offset + 1] != 0) {
            return false;
        }
        int tpkt = (buf[offset + 2] & 0xFF) << 8 | (buf[offset + 3] & 0xFF);
        int li = buf[offset + 4] & 0xFF;
        if (tpkt != length || li < 2 || 5 + li > length) {
            return false;
        }
        int type = buf[offset + 5] & 0xF0;
        if (type == 0xE0 || type == 0xD0) {
            return li >= 6;
        }
        if (type == 0xF0 && li == 2 && length > 7) {
            int protocolId = buf[offset + 7] & 0xFF;
            return protocolId == 0x32 || protocolId == 0x72;
        }
        return false;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new S7commDecoder(flow, output);
    }
}
