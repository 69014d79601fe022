package io.otsoc.collector.protocol.snmp;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/** SNMP over UDP: agents on port 161, trap and inform receivers on port 162 (RFC 3417 section 3). */
public final class SnmpDecoderFactory implements ProtocolDecoderFactory {

    public static final int AGENT_PORT = 161;
    public static final int TRAP_PORT = 162;

    @Override
    public String protocol() {
        return SnmpDecoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[0];
    }

    @Override
    public int[] udpPorts() {
        return new int[] {AGENT_PORT, TRAP_PORT};
    }

    /**
     * A UDP datagram that is one whole SNMP message: a BER SEQUENCE filling the datagram exactly, whose first
     * element is the INTEGER version 0, 1 or 3, followed by a community and PDU (v1, v2c) or the v3 header and a
     * scoped or encrypted PDU, every length consistent with its enclosing element.
     */
    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (tcp || length < 2 || buf[offset] != 0x30) {
            return false;
        }
        try {
            new SnmpParser().parse(buf, offset, length);
            return true;
        } catch (BerException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new SnmpDecoder(flow, output);
    }
}
