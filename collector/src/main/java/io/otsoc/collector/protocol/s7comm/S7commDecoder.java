package io.otsoc.collector.protocol.s7comm;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.mms.MmsSession;

import java.nio.charset.StandardCharsets;

import static io.otsoc.collector.protocol.s7comm.S7Detail.ABSENT;

/**
 * Decodes S7comm on one ISO-on-TCP flow: TPKT (RFC 1006), COTP (ISO 8073: CR/CC carry the TSAPs, DT carries data,
 * segments reassembled up to EOT) and the S7comm PDU (protocol id 0x32). A job waits under its PDU reference until
 * its Ack/Ack-Data arrives, a userdata request until its response; each pair becomes one event stamped with the
 * request's time. S7comm-plus PDUs (0x72) are reported one by one with their opcode. A first COTP DT whose payload is
 * neither (e.g. MMS on the same port) means the flow is not S7comm.
 */
public final class S7commDecoder implements ProtocolDecoder {

    public static final String PROTOCOL = "s7comm";
    static final int MAX_PENDING = 32;
    /** The largest reassembled COTP data unit kept (an S7 PDU is at most 960 bytes; S7comm-plus more). */
    static final int MAX_SEGMENTED = 65535;

    private final FlowRef flow;
    private final DecoderOutput output;
    private final Side toServer = new Side(Direction.TO_SERVER);
    private final Side toClient = new Side(Direction.TO_CLIENT);
    private final S7Message[] pending = new S7Message[MAX_PENDING];
    private final boolean[] used = new boolean[MAX_PENDING];
    private final S7Message current = new S7Message();
    private String srcTsap;
    private String dstTsap;
    private boolean established;
    /** An S7comm (0x32) PDU was seen: from then on another protocol id is a malformed PDU, not another protocol. */
    private boolean seenS7;
    /** Set when the connection carries MMS (IEC 61850) over the OSI session layer instead of S7. */
    private MmsSession mms;
    private boolean finished;

    public S7commDecoder(FlowRef flow, DecoderOutput output) {
        this.flow = flow;
        this.output = output;
        for (int i = 0; i < MAX_PENDING; i++) {
            pending[i] = new S7Message();
        }
    }

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (!finished && length > 0) {
            side(direction).framer.onData(buf, offset, length, timestampMicros);
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (!finished) {
            Side s = side(direction);
            s.framer.onGap();
            s.segmented = 0;
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (finished) {
            return;
        }
        finished = true;
        if (mms != null) {
            mms.onClose(timestampMicros);
        }
        for (Side s : new Side[] {toServer, toClient}) {
            if (established && s.framer.bufferedBytes() > 0) {
                output.malformed(s.framer.partialMicros(), "TPKT truncated: the flow ended with "
                        + s.framer.bufferedBytes() + " bytes of an incomplete TPKT " + s.text(), null);
            }
            s.framer.stop();
        }
        for (int i = 0; i < MAX_PENDING; i++) {
            if (used[i]) {
                used[i] = false;
                report(pending[i], null);
            }
        }
    }

    /** Bytes held for partial TPKTs and segmented userdata, both directions: bounded, checked by the fuzz test. */
    int heldBytes() {
        return toServer.framer.bufferedBytes() + toServer.segments.length + toClient.framer.bufferedBytes()
                + toClient.segments.length;
    }

    private Side side(Direction d) {
        return d == Direction.TO_SERVER ? toServer : toClient;
    }

    /** One direction: its TPKT framer and its COTP segment buffer. */
    private final class Side implements TpktFramer.Listener {
        final Direction direction;
        final TpktFramer framer = new TpktFramer(this);
        byte[] segments = new byte[0];
        int segmented;
        long segmentMicros;

        Side(Direction direction) {
            this.direction = direction;
        }

        String text() {
            return direction == Direction.TO_SERVER ? "to the server" : "to the client";
        }

        @Override
        public boolean tpkt(byte[] b, int off, int len, long ts) {
            return onTpkt(this, b, off, len, ts);
        }

        @Override
        public boolean invalidHeader(String reason, long ts) {
            if (!established) {
                detach(ts, reason + " at the start of the stream " + text());
                return false;
            }
            output.malformed(ts, reason + " (" + text() + "); skipping to the next segment", null);
            return true;
        }

        void append(byte[] b, int off, int len) {
            if (segments.length < segmented + len) {
                byte[] bigger = new byte[Math.max(segmented + len, Math.max(256, segments.length * 2))];
                System.arraycopy(segments, 0, bigger, 0, segmented);
                segments = bigger;
            }
            System.arraycopy(b, off, segments, segmented, len);
            segmented += len;
        }
    }

    private void detach(long ts, String reason) {
        finished = true;
        toServer.framer.stop();
        toClient.framer.stop();
        output.notThisProtocol(ts, reason);
    }

    private boolean onTpkt(Side side, byte[] b, int off, int len, long ts) {
        int li = b[off + 4] & 0xFF;
        if (li < 2 || 5 + li > len) {
            return problem(side, ts, "COTP length indicator " + li + " does not fit the TPKT of " + len + " bytes");
        }
        int type = b[off + 5] & 0xF0;
        switch (type) {
            case 0xE0, 0xD0 -> {
                readTsaps(b, off, li);
                established = true;
            }
            case 0x80 -> established = true;
            case 0xF0 -> {
                boolean eot = (b[off + 6] & 0x80) != 0;
                int data = off + 5 + li;
                int dataLength = off + len - data;
                if (!eot || side.segmented > 0) {
                    if (side.segmented + dataLength > MAX_SEGMENTED) {
                        side.segmented = 0;
                        return problem(side, ts, "COTP segments exceed " + MAX_SEGMENTED + " bytes without EOT");
                    }
                    if (side.segmented == 0) {
                        side.segmentMicros = ts;
                    }
                    side.append(b, data, dataLength);
                    if (!eot) {
                        return true;
                    }
                    int n = side.segmented;
                    side.segmented = 0;
                    return onUserData(side, side.segments, 0, n, side.segmentMicros);
                }
                return onUserData(side, b, data, dataLength, ts);
            }
            default -> {
                if (!established) {
                    detach(ts, "COTP TPDU type 0x" + Integer.toHexString(type) + " " + side.text()
                            + " is not CR, CC, DT or DR");
                    return false;
                }
            }
        }
        return true;
    }

    private boolean problem(Side side, long ts, String reason) {
        if (!established) {
            detach(ts, reason + " " + side.text());
            return false;
        }
        output.malformed(ts, reason + " (" + side.text() + ")", null);
        return true;
    }

    /** CR/CC variable part: 0xC1 calling (source) TSAP, 0xC2 called (destination) TSAP (ISO 8073 13.3.4). */
    private void readTsaps(byte[] b, int off, int li) {
        int p = off + 11;
        int end = off + 5 + li;
        while (p + 2 <= end) {
            int code = b[p] & 0xFF;
            int n = b[p + 1] & 0xFF;
            if (p + 2 + n > end) {
                return;
            }
            if (code == 0xC1 && srcTsap == null) {
                srcTsap = hex(b, p + 2, n);
            } else if (code == 0xC2 && dstTsap == null) {
                dstTsap = hex(b, p + 2, n);
            }
            p += 2 + n;
        }
    }

    private static String hex(byte[] b, int off, int n) {
        char[] c = new char[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = Character.forDigit((b[off + i] >> 4) & 0xF, 16);
            c[2 * i + 1] = Character.forDigit(b[off + i] & 0xF, 16);
        }
        return new String(c);
    }

    private boolean onUserData(Side side, byte[] b, int off, int len, long ts) {
        if (len == 0) {
            return true;
        }
        int id = b[off] & 0xFF;
        if (mms == null && !seenS7 && MmsSession.isSessionSpdu(b, off, len)) {
            mms = new MmsSession(flow, output);
        }
        if (mms != null) {
            established = true;
            mms.onDataUnit(side.direction == Direction.TO_SERVER, b, off, len, ts);
            return true;
        }
        if (id == 0x72) {
            established = true;
            onPlus(side.direction == Direction.TO_SERVER, b, off, len, ts);
            return true;
        }
        if (id != 0x32) {
            if (!established || !seenS7) {
                detach(ts, "COTP DT payload " + side.text() + " starts with 0x" + Integer.toHexString(id)
                        + ", not S7comm (0x32) or S7comm-plus (0x72)");
                return false;
            }
            output.malformed(ts, "S7 protocol id 0x" + Integer.toHexString(id) + " is not 0x32 (" + side.text() + ")",
                    null);
            return true;
        }
        seenS7 = true;
        established = true;
        onS7(side, b, off, len, ts);
        return true;
    }

    private void onPlus(boolean toServer, byte[] b, int off, int len, long ts) {
        int version = len > 1 ? b[off + 1] & 0xFF : ABSENT;
        // Keep-alive PDUs (version 0xFF) carry no opcode after the 2-byte length; version 3 puts its integrity
        // part (digest length, digest) before the opcode.
        int at = off + 4;
        if (version == 3 && len > 4) {
            at += 1 + (b[off + 4] & 0xFF);
        }
        int opcode = at < off + len && version != 0xFF ? b[at] & 0xFF : ABSENT;
        S7Detail d = new S7Detail(ABSENT, ABSENT, opcode, ABSENT, ABSENT, ABSENT, null, null, ABSENT, ABSENT, ABSENT,
                ABSENT, ABSENT, srcTsap, dstTsap, toServer, !toServer, ABSENT, ABSENT, version, null, null);
        output.event(new OtEvent(ts, -1, flow, PROTOCOL, "s7comm_plus", EventCategory.OTHER, Outcome.UNKNOWN, null, d));
    }

    private void onS7(Side side, byte[] b, int off, int len, long ts) {
        S7Message m = current;
        m.clear();
        m.timestampMicros = ts;
        if (len < 10) {
            output.malformed(ts, "S7 header truncated: " + len + " bytes, at least 10 needed (" + side.text() + ")",
                    null);
            return;
        }
        m.rosctr = b[off + 1] & 0xFF;
        m.pduReference = u16(b, off + 4);
        int paramLength = u16(b, off + 6);
        int dataLength = u16(b, off + 8);
        int header = m.rosctr == 2 || m.rosctr == 3 ? 12 : 10;
        if (m.rosctr != 1 && m.rosctr != 2 && m.rosctr != 3 && m.rosctr != 7) {
            output.malformed(ts, "S7 ROSCTR " + m.rosctr + " is not job, ack, ack_data or userdata ("
                    + side.text() + ")", detail(m, null));
            return;
        }
        if (len < header) {
            output.malformed(ts, "S7 header truncated: " + len + " bytes, " + header + " needed (" + side.text() + ")",
                    detail(m, null));
            return;
        }
        if (header == 12) {
            m.errorClass = b[off + 10] & 0xFF;
            m.errorCode = b[off + 11] & 0xFF;
        }
        if (header + paramLength + dataLength > len) {
            output.malformed(ts, "S7 parameter length " + paramLength + " and data length " + dataLength
                    + " exceed the " + (len - header) + " bytes after the header (" + side.text() + ")",
                    detail(m, null));
            return;
        }
        int p = off + header;
        if (m.rosctr == 7) {
            readUserdata(b, p, paramLength, p + paramLength, dataLength, m);
        } else if (paramLength > 0) {
            readParameters(b, p, paramLength, m);
        }
        boolean request = m.rosctr == 1 || (m.rosctr == 7 && m.userdataType == 4);
        boolean response = m.rosctr == 2 || m.rosctr == 3 || (m.rosctr == 7 && m.userdataType == 8);
        if (request) {
            keep(m);
        } else if (response) {
            int slot = find(m.pduReference, m.isUserdata());
            if (slot >= 0) {
                used[slot] = false;
                report(pending[slot], m);
            } else {
                report(null, m);
            }
        } else {
            report(m, null);
        }
    }

    private void readParameters(byte[] b, int p, int n, S7Message m) {
        int fc = b[p] & 0xFF;
        m.functionCode = fc;
        switch (fc) {
            case 0x04, 0x05 -> {
                if (n >= 2) {
                    m.itemCount = b[p + 1] & 0xFF;
                    if (m.rosctr == 1) {
                        readItems(b, p + 2, n - 2, m);
                    }
                }
            }
            case 0x1A, 0x1B, 0x1C, 0x1D -> {
                if (m.rosctr == 1 && n >= 9) {
                    int nameLength = b[p + 8] & 0xFF;
                    if (9 + nameLength <= n) {
                        readFileName(b, p + 9, nameLength, m);
                    }
                }
            }
            case 0x28 -> {
                if (m.rosctr == 1 && n >= 10) {
                    int blockLength = u16(b, p + 8);
                    int s = 10 + blockLength;
                    if (s < n) {
                        int nameLength = b[p + s] & 0xFF;
                        if (s + 1 + nameLength <= n) {
                            m.piService = ascii(b, p + s + 1, nameLength);
                        }
                    }
                }
            }
            case 0x29 -> {
                if (m.rosctr == 1 && n >= 7) {
                    int nameLength = b[p + 6] & 0xFF;
                    if (7 + nameLength <= n) {
                        m.piService = ascii(b, p + 7, nameLength);
                    }
                }
            }
            default -> { }
        }
    }

    /** The variable specifications of a read/write var job, up to {@link S7Message#MAX_ITEMS}. */
    private static void readItems(byte[] b, int p, int n, S7Message m) {
        int count = Math.min(m.itemCount, S7Message.MAX_ITEMS);
        String[] items = new String[count];
        int found = 0;
        int at = p;
        int end = p + n;
        while (found < count && at + 2 <= end) {
            String item = S7ItemAddress.read(b, at, end - at);
            if (item == null) {
                break;
            }
            items[found++] = item;
            at += 2 + (b[at + 1] & 0xFF);
        }
        m.items = found == 0 ? null : java.util.Arrays.copyOf(items, found);
    }

    /** A block file name: '_', two hex digits of block type, five decimal digits of block number, file system. */
    private static void readFileName(byte[] b, int p, int n, S7Message m) {
        if (n < 8 || b[p] != '_') {
            return;
        }
        m.blockType = S7Operation.blockType((char) b[p + 1], (char) b[p + 2]);
        int number = 0;
        for (int i = 3; i < 8; i++) {
            int digit = b[p + i] - '0';
            if (digit < 0 || digit > 9) {
                return;
            }
            number = number * 10 + digit;
        }
        m.blockNumber = number;
    }

    /** Userdata parameter head (0x00 0x01 0x12, length, method, type|group, subfunction, sequence[, ...error]). */
    private static void readUserdata(byte[] b, int p, int n, int d, int dn, S7Message m) {
        if (n < 8) {
            return;
        }
        int type = (b[p + 5] >> 4) & 0xF;
        m.userdataType = type;
        m.userdataGroup = b[p + 5] & 0xF;
        m.userdataSubfunction = b[p + 6] & 0xFF;
        m.functionCode = b[p + 5] & 0xFF;
        if (n >= 12) {
            int err = u16(b, p + 10);
            m.errorClass = err >> 8;
            m.errorCode = err & 0xFF;
        }
        // Data: return code, transport size, length, then for read SZL the SZL id and index.
        if (m.userdataGroup == 4 && m.userdataSubfunction == 1 && dn >= 8 && (b[d] & 0xFF) == 0xFF) {
            m.szlId = u16(b, d + 4);
            m.szlIndex = u16(b, d + 6);
            if (type == 8) {
                m.identity = S7Identity.read(b, d, dn);
            }
        }
    }

    private void keep(S7Message m) {
        int free = -1;
        long oldest = Long.MAX_VALUE;
        int oldestSlot = 0;
        for (int i = 0; i < MAX_PENDING; i++) {
            if (!used[i]) {
                free = i;
                break;
            }
            if (pending[i].timestampMicros < oldest) {
                oldest = pending[i].timestampMicros;
                oldestSlot = i;
            }
        }
        if (free < 0) {
            report(pending[oldestSlot], null);
            free = oldestSlot;
        }
        pending[free].copyFrom(m);
        used[free] = true;
    }

    private int find(int pduReference, boolean userdata) {
        int best = -1;
        for (int i = 0; i < MAX_PENDING; i++) {
            if (used[i] && pending[i].pduReference == pduReference && pending[i].isUserdata() == userdata
                    && (best < 0 || pending[i].timestampMicros < pending[best].timestampMicros)) {
                best = i;
            }
        }
        return best;
    }

    /** One event for a request and/or its response (either may be null, not both). */
    private void report(S7Message req, S7Message resp) {
        S7Message first = req != null ? req : resp;
        S7Detail d = detail(req, resp);
        String action;
        EventCategory category;
        if (first.isUserdata()) {
            action = S7Operation.userdataAction(first.userdataGroup, first.userdataSubfunction);
            category = S7Operation.userdataCategory(first.userdataGroup, first.userdataSubfunction);
        } else {
            int fc = d.functionCode();
            action = S7Operation.jobAction(fc);
            category = S7Operation.jobCategory(fc, d.piService());
        }
        Outcome outcome = Outcome.UNKNOWN;
        String error = null;
        if (resp != null) {
            boolean failed = (resp.errorClass > 0) || (resp.errorCode > 0);
            outcome = failed ? Outcome.FAILURE : Outcome.SUCCESS;
            if (failed) {
                error = "S7 error class 0x" + Integer.toHexString(resp.errorClass) + " code 0x"
                        + Integer.toHexString(resp.errorCode);
            }
        }
        long duration = req != null && resp != null ? resp.timestampMicros - req.timestampMicros : -1;
        output.event(new OtEvent(first.timestampMicros, duration, flow, PROTOCOL, action, category, outcome, error, d));
    }

    private S7Detail detail(S7Message req, S7Message resp) {
        S7Message a = req != null ? req : resp;
        S7Message z = resp != null ? resp : req;
        return new S7Detail(a.rosctr, a.pduReference, S7Message.pick(a.functionCode, z.functionCode),
                S7Message.pick(a.itemCount, z.itemCount), resp != null ? resp.errorClass : ABSENT,
                resp != null ? resp.errorCode : ABSENT, a.piService, a.blockType, a.blockNumber,
                S7Message.pick(a.szlId, z.szlId), S7Message.pick(a.szlIndex, z.szlIndex),
                a.userdataGroup, a.userdataSubfunction, srcTsap, dstTsap, req != null, resp != null,
                resp != null ? resp.rosctr : ABSENT, resp != null ? resp.functionCode : ABSENT, ABSENT,
                a.items == null ? null : java.util.List.of(a.items), resp != null ? resp.identity : null);
    }

    private static String ascii(byte[] b, int off, int n) {
        return new String(b, off, n, StandardCharsets.US_ASCII);
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }
}
