package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

import java.nio.charset.StandardCharsets;

/**
 * OPC UA binary (opc.tcp) on its IANA port 4840, and on other ports when a segment starts with a UA TCP chunk
 * that could be nothing else: a HEL or ACK with protocol version 0 and buffer sizes of at least 8192 bytes (the
 * spec's minimum), an OPN whose security policy URI is an OPC Foundation policy, or an MSG whose body starts with
 * the encoding NodeId of a known service.
 */
public final class OpcuaDecoderFactory implements ProtocolDecoderFactory {

    public static final int TCP_PORT = 4840;
    private static final byte[] POLICY_PREFIX =
            "http://opcfoundation.org/UA/SecurityPolicy#".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String protocol() {
        return OpcuaDecoder.PROTOCOL;
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
        if (!tcp || length < 16 || ChunkFramer.headerProblem(buf, offset) != null || buf[offset + 3] != 'F') {
            return false;
        }
        long size = ChunkFramer.u32(buf, offset + 4);
        String type = new String(buf, offset, 3, StandardCharsets.US_ASCII);
        UaReader r = new UaReader(buf, offset + 8, length - 8);
        switch (type) {
            case "HEL", "ACK" -> {
                long version = r.u32("version");
                long receive = r.u32("receiveBufferSize");
                long send = r.u32("sendBufferSize");
                return size == length && r.ok() && version == 0 && receive >= 8192 && send >= 8192;
            }
            case "OPN" -> {
                r.u32("secureChannelId");
                int n = r.i32("policy length");
                if (!r.ok() || n < POLICY_PREFIX.length || n > 256 || r.remaining() < POLICY_PREFIX.length) {
                    return false;
                }
                int at = offset + 8 + r.position();
                for (int i = 0; i < POLICY_PREFIX.length; i++) {
                    if (buf[at + i] != POLICY_PREFIX[i]) {
                        return false;
                    }
                }
                return true;
            }
            case "MSG" -> {
                r.skip(16, "headers");
                NodeId id = r.nodeId("encoding");
                return r.ok() && id != null && id.encodingMask() == 1
                        && (UaService.request(id.standardId()) != null || UaService.response(id.standardId()) != null);
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        return new OpcuaDecoder(flow, output);
    }
}
