package io.otsoc.collector.protocol.snmp;

import java.util.ArrayList;
import java.util.List;

import static io.otsoc.collector.protocol.snmp.BerReader.INTEGER;
import static io.otsoc.collector.protocol.snmp.BerReader.OCTET_STRING;
import static io.otsoc.collector.protocol.snmp.BerReader.SEQUENCE;
import static io.otsoc.collector.protocol.snmp.SnmpDetail.ABSENT;

/**
 * Decodes one datagram into an {@link SnmpMessage}: v1 and v2c (RFC 1157, RFC 1901, RFC 3416) and v3 with the USM
 * (RFC 3412, RFC 3414). The message must fill the datagram exactly. What was read before a problem stays in
 * {@link #version}, {@link #community} and {@link #pduType} for the malformed report.
 */
final class SnmpParser {

    /** Variable bindings kept per PDU (all are counted). */
    static final int MAX_VARBINDS = 32;
    /** Characters kept of a value, community or name. */
    static final int MAX_TEXT = 256;

    int version = -1;
    String community;
    PduType pduType;

    /** Parses a datagram; never throws anything but {@link BerException}. */
    SnmpMessage parse(byte[] b, int off, int len) throws BerException {
        BerReader datagram = BerReader.of(b, off, len);
        if (datagram.peekTag() != SEQUENCE) {
            throw new BerException("datagram does not start with a BER SEQUENCE (first byte 0x"
                    + (len > 0 ? BerReader.hex(b[off] & 0xFF) : "--") + ")");
        }
        BerReader msg = datagram.enter(SEQUENCE, "SNMP message");
        if (datagram.hasMore()) {
            throw new BerException("SNMP message of " + (len - datagram.remaining()) + " bytes is followed by "
                    + datagram.remaining() + " more bytes in the datagram");
        }
        int at = msg.offset();
        long v = msg.integer("version");
        if (v != 0 && v != 1 && v != 3) {
            throw new BerException("version " + v + " at offset " + at + " is none of 0 (v1), 1 (v2c) and 3 (v3)");
        }
        version = (int) v;
        SnmpMessage message;
        if (version == 3) {
            message = v3(msg);
        } else {
            community = printable(msg.octets("community"));
            Pdu pdu = pdu(msg);
            message = new SnmpMessage(version, community, null, pdu);
        }
        if (msg.hasMore()) {
            throw new BerException("SNMP message has " + msg.remaining() + " bytes after its "
                    + (message.encrypted() ? "encrypted PDU" : "PDU") + " at offset " + msg.offset());
        }
        return message;
    }

    private SnmpMessage v3(BerReader msg) throws BerException {
        BerReader global = msg.enter(SEQUENCE, "msgGlobalData");
        long msgId = global.unsignedInteger("msgID");
        long maxSize = global.unsignedInteger("msgMaxSize");
        int at = global.offset();
        byte[] flagBytes = global.octets("msgFlags");
        if (flagBytes.length != 1) {
            throw new BerException("msgFlags at offset " + at + " is " + flagBytes.length + " bytes long, not 1");
        }
        int flags = flagBytes[0] & 0xFF;
        long model = global.integer("msgSecurityModel");
        if (global.hasMore()) {
            throw new BerException("msgGlobalData has " + global.remaining() + " bytes after msgSecurityModel");
        }
        int paramsAt = msg.offset();
        byte[] params = msg.octets("msgSecurityParameters");
        String engineId = null;
        long boots = ABSENT;
        long time = ABSENT;
        String user = null;
        if (model == 3) {
            BerReader usm;
            try {
                usm = BerReader.of(params, 0, params.length).enter(SEQUENCE, "UsmSecurityParameters");
                engineId = hex(usm.octets("msgAuthoritativeEngineID"));
                boots = usm.unsignedInteger("msgAuthoritativeEngineBoots");
                time = usm.unsignedInteger("msgAuthoritativeEngineTime");
                user = printable(usm.octets("msgUserName"));
                usm.octets("msgAuthenticationParameters");
                usm.octets("msgPrivacyParameters");
            } catch (BerException e) {
                throw new BerException("msgSecurityParameters at offset " + paramsAt + ": " + e.getMessage());
            }
        }
        if ((flags & UsmHeader.PRIV) != 0) {
            int dataAt = msg.offset();
            if (msg.peekTag() != OCTET_STRING) {
                throw new BerException("msgData at offset " + dataAt + " of a message with the privacy flag is not "
                        + "an encrypted OCTET STRING (tag 0x" + (msg.hasMore() ? BerReader.hex(msg.peekTag()) : "--")
                        + ")");
            }
            msg.skip("encryptedPDU");
            return new SnmpMessage(3, null,
                    new UsmHeader(msgId, maxSize, flags, model, engineId, boots, time, user, null, null), null);
        }
        BerReader scoped = msg.enter(SEQUENCE, "scopedPDU");
        String contextEngineId = hex(scoped.octets("contextEngineID"));
        String contextName = printable(scoped.octets("contextName"));
        Pdu pdu = pdu(scoped);
        if (scoped.hasMore()) {
            throw new BerException("scopedPDU has " + scoped.remaining() + " bytes after its PDU");
        }
        return new SnmpMessage(3, null,
                new UsmHeader(msgId, maxSize, flags, model, engineId, boots, time, user, contextEngineId, contextName),
                pdu);
    }

    private Pdu pdu(BerReader r) throws BerException {
        int at = r.offset();
        int tag = r.peekTag();
        PduType type = tag >= 0xA0 ? PduType.of(tag - 0xA0) : null;
        if (type == null) {
            throw new BerException("PDU tag 0x" + (tag < 0 ? "--" : BerReader.hex(tag)) + " at offset " + at
                    + " is not an SNMP PDU (0xa0-0xa8)");
        }
        BerReader p = r.enterAny(type.actionName + " PDU");
        pduType = type;
        long requestId = ABSENT;
        long errorStatus = ABSENT;
        long errorIndex = ABSENT;
        String enterprise = null;
        String agent = null;
        long generic = ABSENT;
        long specific = ABSENT;
        long ticks = ABSENT;
        if (type == PduType.TRAP) {
            enterprise = p.oid("enterprise");
            int agentAt = p.offset();
            p.any("agent-addr");
            if (p.lastTag() != 0x40 || p.contentLength() != 4) {
                throw new BerException("agent-addr at offset " + agentAt + " is not a 4-byte IpAddress (tag 0x"
                        + BerReader.hex(p.lastTag()) + ", " + p.contentLength() + " bytes)");
            }
            agent = ipv4(p.buffer(), p.contentStart());
            generic = p.integer("generic-trap");
            specific = p.integer("specific-trap");
            ticks = unsigned(p, 0x43, "time-stamp");
        } else {
            requestId = p.integer("request-id");
            errorStatus = p.integer(type == PduType.GET_BULK_REQUEST ? "non-repeaters" : "error-status");
            errorIndex = p.integer(type == PduType.GET_BULK_REQUEST ? "max-repetitions" : "error-index");
        }
        BerReader list = p.enter(SEQUENCE, "variable-bindings");
        List<VarBind> varbinds = new ArrayList<>();
        int count = 0;
        while (list.hasMore()) {
            count++;
            String what = "variable binding " + count;
            BerReader vb = list.enter(SEQUENCE, what);
            String oid = vb.oid("name of " + what);
            int valueAt = vb.offset();
            vb.any("value of " + what);
            String value = value(vb.lastTag(), vb.buffer(), vb.contentStart(), vb.contentLength(),
                    "value of " + what + " at offset " + valueAt);
            if (vb.hasMore()) {
                throw new BerException(what + " has " + vb.remaining() + " bytes after its value");
            }
            if (varbinds.size() < MAX_VARBINDS) {
                varbinds.add(new VarBind(oid, vb.lastTag(), value));
            }
        }
        if (p.hasMore()) {
            throw new BerException(type.actionName + " PDU has " + p.remaining() + " bytes after its variable bindings");
        }
        return new Pdu(type, requestId, errorStatus, errorIndex, enterprise, agent, generic, specific, ticks, count,
                varbinds);
    }

    private static long unsigned(BerReader r, int tag, String what) throws BerException {
        int at = r.offset();
        r.any(what);
        if (r.lastTag() != tag) {
            throw new BerException(what + " at offset " + at + " has tag 0x" + BerReader.hex(r.lastTag())
                    + ", expected 0x" + BerReader.hex(tag));
        }
        return unsignedContent(r.buffer(), r.contentStart(), r.contentLength(), what + " at offset " + at);
    }

    /** An unsigned integer of up to 64 bits, with at most one leading zero byte beyond 8. */
    private static long unsignedContent(byte[] b, int off, int len, String where) throws BerException {
        if (len == 0) {
            throw new BerException(where + " is an integer without content bytes");
        }
        if (len > 9 || len == 9 && b[off] != 0) {
            throw new BerException(where + " is an unsigned integer of more than 64 bits");
        }
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | (b[off + i] & 0xFF);
        }
        return v;
    }

    /** A value as text, or null for the types that carry none. */
    static String value(int tag, byte[] b, int off, int len, String where) throws BerException {
        switch (tag) {
            case INTEGER: {
                if (len == 0) {
                    throw new BerException(where + " is an integer without content bytes");
                }
                if (len > 8) {
                    return "0x" + hex(b, off, len);
                }
                long v = b[off];
                for (int i = 1; i < len; i++) {
                    v = v << 8 | (b[off + i] & 0xFF);
                }
                return Long.toString(v);
            }
            case 0x41, 0x42, 0x43, 0x46, 0x47:
                return Long.toUnsignedString(unsignedContent(b, off, len, where));
            case OCTET_STRING, 0x44:
                return printable(b, off, len);
            case BerReader.OID:
                return BerReader.oidText(b, off, len, where);
            case 0x40:
                return len == 4 ? ipv4(b, off) : "0x" + hex(b, off, len);
            case BerReader.NULL, 0x80, 0x81, 0x82:
                return null;
            default:
                return "0x" + hex(b, off, len);
        }
    }

    static String ipv4(byte[] b, int off) {
        return (b[off] & 0xFF) + "." + (b[off + 1] & 0xFF) + "." + (b[off + 2] & 0xFF) + "." + (b[off + 3] & 0xFF);
    }

    static String printable(byte[] b) {
        return printable(b, 0, b.length);
    }

    /**
     * Bytes as printable text the way Zeek prints strings: printable ASCII as is, a backslash doubled, every other
     * byte as {@code \xNN}; cut at {@link #MAX_TEXT} characters with {@code ...}.
     */
    static String printable(byte[] b, int off, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, MAX_TEXT) + 8);
        for (int i = off; i < off + len; i++) {
            if (sb.length() >= MAX_TEXT) {
                sb.append("...");
                break;
            }
            int c = b[i] & 0xFF;
            if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c < 0x7F) {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(BerReader.hex(c));
            }
        }
        return sb.toString();
    }

    static String hex(byte[] b) {
        return hex(b, 0, b.length);
    }

    /** Lower-case hex of at most {@link #MAX_TEXT} / 2 bytes. */
    static String hex(byte[] b, int off, int len) {
        int n = Math.min(len, MAX_TEXT / 2);
        StringBuilder sb = new StringBuilder(n * 2 + 3);
        for (int i = off; i < off + n; i++) {
            sb.append(BerReader.hex(b[i] & 0xFF));
        }
        if (n < len) {
            sb.append("...");
        }
        return sb.toString();
    }
}
