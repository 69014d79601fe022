package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.model.FlowRef;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-built OPC UA binary messages (OPC 10000-6) for the unit tests. */
final class OpcuaWire {

    static final FlowRef FLOW = new FlowRef("1:test", "tcp", "00:00:00:00:00:01", "00:00:00:00:00:02",
            "10.0.0.1", 50000, "10.0.0.2", 4840, -1);
    static final String NONE = "http://opcfoundation.org/UA/SecurityPolicy#None";
    static final String BASIC256 = "http://opcfoundation.org/UA/SecurityPolicy#Basic256Sha256";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static OpcuaWire body() {
        return new OpcuaWire();
    }

    OpcuaWire u8(int v) {
        out.write(v);
        return this;
    }

    OpcuaWire u16(int v) {
        return u8(v & 0xFF).u8(v >>> 8 & 0xFF);
    }

    OpcuaWire u32(long v) {
        return u16((int) (v & 0xFFFF)).u16((int) (v >>> 16 & 0xFFFF));
    }

    OpcuaWire i64(long v) {
        return u32(v & 0xFFFFFFFFL).u32(v >>> 32);
    }

    OpcuaWire dbl(double v) {
        return i64(Double.doubleToLongBits(v));
    }

    OpcuaWire string(String s) {
        if (s == null) {
            return u32(0xFFFFFFFFL);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        out.writeBytes(b);
        return this;
    }

    OpcuaWire bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A four-byte NodeId (namespace 0). */
    OpcuaWire node(int id) {
        return u8(1).u8(0).u16(id);
    }

    OpcuaWire requestHeader(long handle) {
        return u8(0).u8(0) // authenticationToken: two-byte NodeId 0
                .i64(0).u32(handle).u32(0).string(null).u32(5000).u8(0).u8(0).u8(0);
    }

    OpcuaWire responseHeader(long handle, long status) {
        return i64(0).u32(handle).u32(status).u8(0).u32(0xFFFFFFFFL).u8(0).u8(0).u8(0);
    }

    byte[] build() {
        return out.toByteArray();
    }

    /** A chunk: type, chunk type, size, then the payload. */
    static byte[] chunk(String type, char chunkType, byte[] payload) {
        OpcuaWire w = new OpcuaWire();
        w.out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        w.u8(chunkType).u32(8 + payload.length).bytes(payload);
        return w.build();
    }

    static byte[] hello(String url) {
        return chunk("HEL", 'F', body().u32(0).u32(65536).u32(65536).u32(0).u32(0).string(url).build());
    }

    static byte[] ack() {
        return chunk("ACK", 'F', body().u32(0).u32(65536).u32(65536).u32(16777216).u32(256).build());
    }

    static byte[] openRequest(String policy, long requestId, int mode) {
        OpcuaWire w = body().u32(0).string(policy).u32(0xFFFFFFFFL).u32(0xFFFFFFFFL);
        if (!NONE.equals(policy)) {
            return chunk("OPN", 'F', w.bytes(new byte[64]).build());
        }
        w.u32(1).u32(requestId).node(446).requestHeader(0).u32(0).u32(0).u32(mode).u32(0xFFFFFFFFL).u32(3600000);
        return chunk("OPN", 'F', w.build());
    }

    static byte[] openResponse(long requestId, long channel, long token) {
        OpcuaWire w = body().u32(0).string(NONE).u32(0xFFFFFFFFL).u32(0xFFFFFFFFL).u32(51).u32(requestId)
                .node(449).responseHeader(0, 0).u32(0).u32(channel).u32(token).i64(0).u32(3600000)
                .u32(0xFFFFFFFFL);
        return chunk("OPN", 'F', w.build());
    }

    /** A MSG chunk with a sequence header and the given service body (NodeId onwards). */
    static byte[] msg(char chunkType, long channel, long requestId, byte[] service) {
        return chunk("MSG", chunkType, body().u32(channel).u32(1).u32(requestId + 100).u32(requestId)
                .bytes(service).build());
    }

    static byte[] readRequest(long handle, int nodes) {
        OpcuaWire w = body().node(631).requestHeader(handle).dbl(0).u32(0).u32(nodes);
        for (int i = 0; i < nodes; i++) {
            w.u8(0).u8(i).u32(13).string(null).u16(0).string(null);
        }
        return w.build();
    }

    static byte[] readResponse(long handle, long status) {
        return body().node(634).responseHeader(handle, status).u32(0).u32(0).build();
    }

    static byte[] serviceFault(long handle, long status) {
        return body().node(397).responseHeader(handle, status).build();
    }

    static byte[] activateUserName(long handle, String user, String password) {
        byte[] token = body().string("username-policy").string(user).string(password).string(null).build();
        return body().node(467).requestHeader(handle).string(null).u32(0xFFFFFFFFL).u32(0).u32(0)
                .node(324).u8(1).u32(token.length).bytes(token).string(null).u32(0xFFFFFFFFL).build();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
