package io.otsoc.collector.protocol.profinet.iocm;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Hand-built connectionless DCE/RPC datagrams carrying PNIO bodies, and an output that records what it gets. */
final class PnioWire {

    static final FlowRef FLOW = new FlowRef("1:test", "udp", "00:00:00:00:00:01", "00:00:00:00:00:02", "10.0.0.1",
            50000, "10.0.0.2", 34964, -1);
    static final UUID ACTIVITY = UUID.fromString("13142f90-0000-1000-a994-d2106890ca5a");
    static final UUID OBJECT = UUID.fromString("dea00000-6c97-11d1-8271-00010003015a");

    private PnioWire() {
    }

    static UUID pnioInterface(int n) {
        return new UUID(0xDEA00000_6C97_11D1L + ((long) n << 32), 0x8271_00A0_2442_DF7DL);
    }

    /** One datagram: the 80-byte header in the given byte order, then the body. */
    static byte[] pdu(int type, int flags1, boolean le, int iface, UUID activity, long seq, int opnum, int fragment,
                      byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(4);
        out.write(type);
        out.write(flags1);
        out.write(0);
        out.write(le ? 0x10 : 0x00);
        out.write(0);
        out.write(0);
        out.write(0);
        uuid(out, OBJECT, le);
        uuid(out, pnioInterface(iface), le);
        uuid(out, activity, le);
        u32(out, 0, le);
        u32(out, 1, le);
        u32(out, seq, le);
        u16(out, opnum, le);
        u16(out, 0xFFFF, le);
        u16(out, 0xFFFF, le);
        u16(out, body.length, le);
        u16(out, fragment, le);
        out.write(0);
        out.write(0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A request body: NDR header (ArgsMaximum, ArgsLength, MaximumCount, Offset, ActualCount) and the blocks. */
    static byte[] requestBody(boolean le, byte[] blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, 1024, le);
        u32(out, blocks.length, le);
        u32(out, 1024, le);
        u32(out, 0, le);
        u32(out, blocks.length, le);
        out.writeBytes(blocks);
        return out.toByteArray();
    }

    /** A response body: PNIOStatus then ArgsLength, MaximumCount, Offset, ActualCount and the blocks. */
    static byte[] responseBody(boolean le, long status, byte[] blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u32(out, status, le);
        u32(out, blocks.length, le);
        u32(out, 1024, le);
        u32(out, 0, le);
        u32(out, blocks.length, le);
        out.writeBytes(blocks);
        return out.toByteArray();
    }

    /** An IODReadReqHeader/IODWriteReqHeader-shaped block (type 0x0009 read, 0x0008 write). */
    static byte[] recordHeader(int type, long api, int slot, int subslot, int index, long recordLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, type, false);
        u16(out, 60, false);
        out.write(1);
        out.write(0);
        u16(out, 7, false); // SeqNumber
        out.writeBytes(new byte[16]); // ARUUID
        u32(out, api, false);
        u16(out, slot, false);
        u16(out, subslot, false);
        u16(out, 0, false); // padding
        u16(out, index, false);
        u32(out, recordLength, false);
        out.writeBytes(new byte[24]); // RWPadding
        return out.toByteArray();
    }

    /** An IODControlReq block with the given ControlCommand. */
    static byte[] control(int type, int command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, type, false);
        u16(out, 28, false);
        out.write(1);
        out.write(0);
        u16(out, 0, false);
        out.writeBytes(new byte[16]);
        u16(out, 3, false); // SessionKey
        u16(out, 0, false);
        u16(out, command, false);
        u16(out, 0, false);
        return out.toByteArray();
    }

    /** An ARBlockReq with the controller's station name. */
    static byte[] arBlock(String station) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        u16(out, 0x0101, false);
        u16(out, 54 + station.length(), false);
        out.write(1);
        out.write(0);
        u16(out, 1, false); // ARType IOCAR
        out.writeBytes(new byte[16]);
        u16(out, 1, false);
        out.writeBytes(new byte[6]);
        out.writeBytes(new byte[16]);
        u32(out, 0x11, false);
        u16(out, 100, false);
        u16(out, 0x8892, false);
        u16(out, station.length(), false);
        out.writeBytes(station.getBytes());
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static void uuid(ByteArrayOutputStream out, UUID u, boolean le) {
        long msb = u.getMostSignificantBits();
        u32(out, msb >>> 32, le);
        u16(out, (int) (msb >>> 16) & 0xFFFF, le);
        u16(out, (int) msb & 0xFFFF, le);
        long lsb = u.getLeastSignificantBits();
        for (int i = 7; i >= 0; i--) {
            out.write((int) (lsb >>> (8 * i)) & 0xFF);
        }
    }

    static void u16(ByteArrayOutputStream out, int v, boolean le) {
        if (le) {
            out.write(v & 0xFF);
            out.write(v >>> 8 & 0xFF);
        } else {
            out.write(v >>> 8 & 0xFF);
            out.write(v & 0xFF);
        }
    }

    static void u32(ByteArrayOutputStream out, long v, boolean le) {
        if (le) {
            u16(out, (int) v & 0xFFFF, true);
            u16(out, (int) (v >>> 16) & 0xFFFF, true);
        } else {
            u16(out, (int) (v >>> 16) & 0xFFFF, false);
            u16(out, (int) v & 0xFFFF, false);
        }
    }

    /** Records events, malformed reports and not-this-protocol. */
    static final class Recording implements DecoderOutput {
        final List<OtEvent> events = new ArrayList<>();
        final List<String> malformed = new ArrayList<>();
        final List<String> notThisProtocol = new ArrayList<>();

        @Override
        public void event(OtEvent event) {
            events.add(event);
        }

        @Override
        public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
            malformed.add(reason);
        }

        @Override
        public void malformed(OtEvent event) {
            malformed.add(event.errorMessage());
            events.add(event.asMalformed("malformed"));
        }

        @Override
        public void notThisProtocol(long timestampMicros, String reason) {
            notThisProtocol.add(reason);
        }
    }
}
