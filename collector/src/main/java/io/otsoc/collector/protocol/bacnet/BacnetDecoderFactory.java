package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/**
 * BACnet/IP over UDP (ANSI/ASHRAE 135 Annex J): port 47808 (0xBAC0) and 47809-47823, the ports commonly given to
 * further BACnet/IP networks on one host. On other ports a datagram is BACnet/IP when it opens with a BVLC header
 * of type 0x81, a known function and a length equal to the datagram's.
 */
public final class BacnetDecoderFactory implements ProtocolDecoderFactory {

    public static final int UDP_PORT = 0xBAC0;
    static final int LAST_COMMON_PORT = 47823;

    @Override
    public String protocol() {
        return BacnetDecoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[0];
    }

    @Override
    public int[] udpPorts() {
        int[] ports = new int[LAST_COMMON_PORT - UDP_PORT + 1];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = UDP_PORT + i;
        }
        return ports;
    }

    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        return !tcp && BacnetFraming.looksLikeBvlc(buf, offset, length);
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new BacnetDecoder(flow, output);
    }
}
