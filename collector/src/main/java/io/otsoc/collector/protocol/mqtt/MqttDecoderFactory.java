package io.otsoc.collector.protocol.mqtt;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

/**
 * MQTT over TCP on its registered port, 1883. Port 8883 (MQTT over TLS) is not registered: its bytes are TLS records.
 * On other ports a flow is recognised only by a CONNECT sent to the server at the start of a segment: first byte 0x10
 * (type 1, flags 0), a remaining length of 10 to {@link MqttFramer#MAX_REMAINING} in at most 4 bytes, then the
 * protocol name MQTT with level 4 or 5, or MQIsdp with level 3, and connect flags with the reserved bit clear.
 */
public final class MqttDecoderFactory implements ProtocolDecoderFactory {

    public static final int TCP_PORT = 1883;

    @Override
    public String protocol() {
        return MqttDecoder.PROTOCOL;
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {TCP_PORT};
    }

    @Override
    public int[] udpPorts() {
        return new int[0];
    }

    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        if (!tcp || direction != Direction.TO_SERVER || length < 12 || (buf[offset] & 0xFF) != 0x10) {
            return false;
        }
        int end = offset + length;
        int value = 0;
        int i = 1;
        boolean done = false;
        while (i <= 4 && offset + i < end) {
            int x = buf[offset + i] & 0xFF;
            value |= (x & 0x7F) << (7 * (i - 1));
            i++;
            if ((x & 0x80) == 0) {
                done = true;
                break;
            }
        }
        if (!done || value < 10 || value > MqttFramer.MAX_REMAINING) {
            return false;
        }
        return connectNameAt(buf, offset + i, end);
    }

    /**
     * Whether a CONNECT variable header starts at {@code p}: protocol name "MQTT" with level 4 or 5, or "MQIsdp" with
     * level 3, then connect flags with the reserved bit clear.
     */
    static boolean connectNameAt(byte[] b, int p, int end) {
        if (end - p >= 8 && b[p] == 0 && b[p + 1] == 4 && b[p + 2] == 'M' && b[p + 3] == 'Q' && b[p + 4] == 'T'
                && b[p + 5] == 'T') {
            return (b[p + 6] == 4 || b[p + 6] == 5) && (b[p + 7] & 1) == 0;
        }
        return end - p >= 10 && b[p] == 0 && b[p + 1] == 6 && b[p + 2] == 'M' && b[p + 3] == 'Q'
                && b[p + 4] == 'I' && b[p + 5] == 's' && b[p + 6] == 'd' && b[p + 7] == 'p' && b[p + 8] == 3
                && (b[p + 9] & 1) == 0;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new MqttDecoder(flow, output);
    }
}
