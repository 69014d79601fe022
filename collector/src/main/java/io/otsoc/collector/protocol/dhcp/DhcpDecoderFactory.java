package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/**
 * DHCP (RFC 2131) and BOOTP over UDP: the server port 67 (the client's 68 is then the other end, since a flow's
 * client is the side not on a registered port); elsewhere (e.g. 68 to 68, or a relay on another port) recognised
 * by a BOOTP op, a hardware address length that fits chaddr, and the magic cookie at byte 236.
 */
public final class DhcpDecoderFactory implements ProtocolDecoderFactory {

    public static final int SERVER_PORT = 67;

    @Override
    public String protocol() {
        return DhcpDecoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[0];
    }

    @Override
    public int[] udpPorts() {
        return new int[] {SERVER_PORT};
    }

    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        return !tcp && DhcpMessage.looksLikeDhcp(buf, offset, length);
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new DhcpDecoder(flow, output);
    }
}
