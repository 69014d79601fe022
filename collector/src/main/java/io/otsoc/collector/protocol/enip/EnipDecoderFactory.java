package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/**
 * EtherNet/IP explicit messaging on TCP and UDP port 44818 (CIP Vol. 2, 2-2: TCP for sessions, UDP for ListIdentity
 * and the other list commands, often broadcast). Its decoder reports encapsulation exchanges as {@code enip} and the
 * CIP messages they carry as {@code cip} (see {@link EnipDecoder}).
 */
public final class EnipDecoderFactory implements ProtocolDecoderFactory {

    public static final int PORT = 44818;

    @Override
    public String protocol() {
        return EnipDecoder.PROTOCOL;
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
     * Yes only for a payload made of whole encapsulation messages a conforming device would send: each with a
     * defined command other than NOP, options 0, status 0 on a request (a defined status on a reply), a length the
     * command can have, and the lengths adding up to the payload exactly (over UDP: one message per datagram); a
     * SendRRData/SendUnitData must also hold a well-formed item list filling its data.
     */
    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < EncapsulationHeader.SIZE || offset + length > buf.length) {
            return false;
        }
        boolean fromClient = direction == Direction.TO_SERVER;
        int p = offset;
        int end = offset + length;
        int messages = 0;
        CommonPacketFormat items = new CommonPacketFormat();
        while (p < end) {
            if (end - p < EncapsulationHeader.SIZE || EncapsulationHeader.implausible(buf, p, fromClient) != null) {
                return false;
            }
            int command = Le.u16(buf, p);
            int dataLength = Le.u16(buf, p + 2);
            int total = EncapsulationHeader.SIZE + dataLength;
            if (p + total > end) {
                return false;
            }
            if ((command == EnipCommand.SEND_RR_DATA || command == EnipCommand.SEND_UNIT_DATA) && dataLength >= 8) {
                int itemsAt = p + EncapsulationHeader.SIZE + 6;
                if (!items.read(buf, itemsAt, dataLength - 6) || items.count == 0 || items.dataType < 0
                        || items.consumed != dataLength - 6) {
                    return false;
                }
            }
            p += total;
            messages++;
            if (!tcp && p != end) {
                return false;
            }
        }
        return messages > 0;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new EnipDecoder(flow, output);
    }
}
