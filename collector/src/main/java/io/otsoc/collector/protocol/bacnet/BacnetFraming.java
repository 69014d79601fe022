package io.otsoc.collector.protocol.bacnet;

/**
 * Reads the layers above UDP down to the service parameters: the BVLC header (ANSI/ASHRAE 135 Annex J.2), the
 * NPDU (clause 6.2) and the APDU header (clause 20.1). Every length is checked before use; the first problem
 * found ends the reading with a reason that names the field and where it is.
 */
final class BacnetFraming {

    static final int BVLC_TYPE = 0x81;

    static final int BVLC_RESULT = 0x00;
    static final int WRITE_BDT = 0x01;
    static final int READ_BDT = 0x02;
    static final int READ_BDT_ACK = 0x03;
    static final int FORWARDED_NPDU = 0x04;
    static final int REGISTER_FOREIGN_DEVICE = 0x05;
    static final int READ_FDT = 0x06;
    static final int READ_FDT_ACK = 0x07;
    static final int DELETE_FDT_ENTRY = 0x08;
    static final int DISTRIBUTE_BROADCAST = 0x09;
    static final int ORIGINAL_UNICAST = 0x0A;
    static final int ORIGINAL_BROADCAST = 0x0B;
    static final int SECURE_BVLL = 0x0C;

    static final String[] BVLC_NAMES = {"bvlc_result", "write_broadcast_distribution_table",
            "read_broadcast_distribution_table", "read_broadcast_distribution_table_ack", "forwarded_npdu",
            "register_foreign_device", "read_foreign_device_table", "read_foreign_device_table_ack",
            "delete_foreign_device_table_entry", "distribute_broadcast_to_network", "original_unicast_npdu",
            "original_broadcast_npdu", "secure_bvll"};

    static final int CONFIRMED_REQUEST = 0;
    static final int UNCONFIRMED_REQUEST = 1;
    static final int SIMPLE_ACK = 2;
    static final int COMPLEX_ACK = 3;
    static final int SEGMENT_ACK = 4;
    static final int ERROR = 5;
    static final int REJECT = 6;
    static final int ABORT = 7;

    static final String[] PDU_TYPES = {"confirmed_request", "unconfirmed_request", "simple_ack", "complex_ack",
            "segment_ack", "error", "reject", "abort"};

    static final String[] NETWORK_MESSAGES = {"who_is_router_to_network", "i_am_router_to_network",
            "i_could_be_router_to_network", "reject_message_to_network", "router_busy_to_network",
            "router_available_to_network", "initialize_routing_table", "initialize_routing_table_ack",
            "establish_connection_to_network", "disconnect_connection_to_network", "challenge_request",
            "security_payload", "security_response", "request_key_update", "update_key_set",
            "update_distribution_key", "request_master_key", "set_master_key", "what_is_network_number",
            "network_number_is"};

    /** Largest datagram a BVLC length can describe. */
    static final int MAX_BVLC_LENGTH = 0xFFFF;

    private BacnetFraming() {
    }

    /**
     * One datagram read down to the APDU body.
     *
     * @param message what the headers said
     * @param bodyOffset where the service parameters start (after the service choice), or -1 when there is no APDU
     * @param bodyEnd    end of the APDU
     * @param error      why the headers could not be read, or null
     */
    record Frame(BacnetMessage message, int bodyOffset, int bodyEnd, String error) {
    }

    /** Whether the bytes open a BVLC header of a known function whose length is the datagram's. */
    static boolean looksLikeBvlc(byte[] buf, int off, int len) {
        if (len < 4 || (buf[off] & 0xFF) != BVLC_TYPE || (buf[off + 1] & 0xFF) > SECURE_BVLL) {
            return false;
        }
        return (((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF)) == len;
    }

    static Frame read(byte[] buf, int off, int len, boolean fromClient) {
        BacnetMessage m = new BacnetMessage();
        m.fromClient = fromClient;
        if (len < 4) {
            return new Frame(m, -1, -1, "BVLC header cut short: " + len + " of 4 bytes");
        }
        int type = buf[off] & 0xFF;
        if (type != BVLC_TYPE) {
            return new Frame(m, -1, -1, String.format("BVLC type 0x%02x is not BACnet/IP (0x81)", type));
        }
        int function = buf[off + 1] & 0xFF;
        int length = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        m.bvlcLength = length;
        if (function > SECURE_BVLL) {
            return new Frame(m, -1, -1, String.format("unknown BVLC function 0x%02x", function));
        }
        m.bvlcFunction = function;
        if (length < 4) {
            return new Frame(m, -1, -1, "BVLC length " + length + " is shorter than the 4-byte BVLC header");
        }
        int end = off + length;
        if (length > len) {
            // reported, and what the datagram does hold is still read: its operation is worth knowing
            m.problem = "BVLC length " + length + " exceeds the " + len + "-byte datagram";
            end = off + len;
        } else if (length < len) {
            m.problem = "BVLC length " + length + " is shorter than the " + len + "-byte datagram";
        }
        int p = off + 4;
        switch (function) {
            case BVLC_RESULT -> {
                if (end - p < 2) {
                    return new Frame(m, -1, -1, "BVLC-Result without its 2-byte result code");
                }
                m.bvlcResultCode = u16(buf, p);
                return new Frame(m, -1, -1, null);
            }
            case WRITE_BDT, READ_BDT_ACK, READ_FDT_ACK -> {
                int entry = 10; // BDT: B/IP address and mask; FDT: B/IP address, time-to-live and time remaining
                if ((end - p) % entry != 0) {
                    return new Frame(m, -1, -1, BVLC_NAMES[function] + " table of " + (end - p)
                            + " bytes is not a whole number of " + entry + "-byte entries");
                }
                m.bdtEntries = (end - p) / entry;
                return new Frame(m, -1, -1, null);
            }
            case REGISTER_FOREIGN_DEVICE -> {
                if (end - p != 2) {
                    return new Frame(m, -1, -1, "Register-Foreign-Device carries " + (end - p)
                            + " bytes instead of its 2-byte time-to-live");
                }
                m.timeToLive = u16(buf, p);
                return new Frame(m, -1, -1, null);
            }
            case DELETE_FDT_ENTRY -> {
                if (end - p != 6) {
                    return new Frame(m, -1, -1, "Delete-Foreign-Device-Table-Entry carries " + (end - p)
                            + " bytes instead of a 6-byte B/IP address");
                }
                m.originatingAddress = bip(buf, p);
                return new Frame(m, -1, -1, null);
            }
            case READ_BDT, READ_FDT -> {
                return new Frame(m, -1, -1, end == p ? null
                        : BVLC_NAMES[function] + " carries " + (end - p) + " unexpected bytes");
            }
            case SECURE_BVLL -> {
                return new Frame(m, -1, -1, null);
            }
            case FORWARDED_NPDU -> {
                if (end - p < 6) {
                    return new Frame(m, -1, -1, "Forwarded-NPDU cut short in its originating B/IP address: "
                            + (end - p) + " of 6 bytes");
                }
                m.originatingAddress = bip(buf, p);
                p += 6;
            }
            default -> { } // Original-Unicast/Broadcast-NPDU, Distribute-Broadcast-To-Network
        }
        return npdu(buf, off, p, end, m);
    }

    private static Frame npdu(byte[] buf, int base, int p, int end, BacnetMessage m) {
        if (end - p < 2) {
            return new Frame(m, -1, -1, "NPDU cut short at byte " + (p - base) + ": " + (end - p) + " of 2 bytes");
        }
        int version = buf[p] & 0xFF;
        if (version != 1) {
            return new Frame(m, -1, -1, "NPDU protocol version " + version + " at byte " + (p - base)
                    + " is not 1");
        }
        int control = buf[p + 1] & 0xFF;
        m.npduControl = control;
        p += 2;
        if ((control & 0x20) != 0) {
            if (end - p < 3) {
                return new Frame(m, -1, -1, "NPDU destination cut short at byte " + (p - base));
            }
            m.dnet = u16(buf, p);
            int dlen = buf[p + 2] & 0xFF;
            p += 3;
            if (dlen > end - p) {
                return new Frame(m, -1, -1, "NPDU DLEN " + dlen + " exceeds the " + (end - p) + " bytes left");
            }
            m.dadr = BacnetValues.hex(buf, p, dlen);
            p += dlen;
        }
        if ((control & 0x08) != 0) {
            if (end - p < 3) {
                return new Frame(m, -1, -1, "NPDU source cut short at byte " + (p - base));
            }
            m.snet = u16(buf, p);
            int slen = buf[p + 2] & 0xFF;
            p += 3;
            if (slen > end - p) {
                return new Frame(m, -1, -1, "NPDU SLEN " + slen + " exceeds the " + (end - p) + " bytes left");
            }
            if (slen == 0) {
                m.problem = "NPDU SLEN 0 (SNET present without a source address)";
            }
            m.sadr = BacnetValues.hex(buf, p, slen);
            p += slen;
        }
        if ((control & 0x20) != 0) {
            if (end - p < 1) {
                return new Frame(m, -1, -1, "NPDU hop count missing at byte " + (p - base));
            }
            m.hopCount = buf[p++] & 0xFF;
        }
        if ((control & 0x80) != 0) {
            if (end - p < 1) {
                return new Frame(m, -1, -1, "NPDU network message type missing at byte " + (p - base));
            }
            m.networkMessageType = buf[p++] & 0xFF;
            if (m.networkMessageType >= 0x80) {
                if (end - p < 2) {
                    return new Frame(m, -1, -1, "proprietary network message without its vendor id");
                }
                m.vendorId = u16(buf, p);
                p += 2;
            }
            if (end - p >= 2 && m.networkMessageType <= 0x05) {
                m.networkNumber = u16(buf, p);
            }
            return new Frame(m, -1, -1, null);
        }
        return apdu(buf, base, p, end, m);
    }

    private static Frame apdu(byte[] buf, int base, int p, int end, BacnetMessage m) {
        if (end - p < 1) {
            return new Frame(m, -1, -1, "NPDU without an APDU");
        }
        int b0 = buf[p] & 0xFF;
        int type = b0 >>> 4;
        if (type > ABORT) {
            return new Frame(m, -1, -1, "unknown APDU type " + type + " at byte " + (p - base));
        }
        m.pduType = type;
        int need = switch (type) {
            case CONFIRMED_REQUEST -> (b0 & 0x08) != 0 ? 6 : 4;
            case UNCONFIRMED_REQUEST -> 2;
            case SIMPLE_ACK, ERROR -> 3;
            case COMPLEX_ACK -> (b0 & 0x08) != 0 ? 5 : 3;
            case SEGMENT_ACK -> 4;
            default -> 3; // reject, abort
        };
        if (end - p < need) {
            return new Frame(m, -1, -1, PDU_TYPES[type] + " APDU header cut short at byte " + (p - base) + ": "
                    + (end - p) + " of " + need + " bytes");
        }
        int q = p + 1;
        switch (type) {
            case CONFIRMED_REQUEST -> {
                m.segmented = (b0 & 0x08) != 0;
                m.moreFollows = (b0 & 0x04) != 0;
                m.segmentedResponseAccepted = (b0 & 0x02) != 0;
                m.maxApduAccepted = buf[q] & 0x0F;
                m.invokeId = buf[q + 1] & 0xFF;
                q += 2;
                if (m.segmented) {
                    m.sequenceNumber = buf[q] & 0xFF;
                    m.windowSize = buf[q + 1] & 0xFF;
                    q += 2;
                }
                m.serviceChoice = buf[q++] & 0xFF;
            }
            case UNCONFIRMED_REQUEST -> m.serviceChoice = buf[q++] & 0xFF;
            case SIMPLE_ACK, ERROR -> {
                m.invokeId = buf[q] & 0xFF;
                m.serviceChoice = buf[q + 1] & 0xFF;
                q += 2;
            }
            case COMPLEX_ACK -> {
                m.segmented = (b0 & 0x08) != 0;
                m.moreFollows = (b0 & 0x04) != 0;
                m.invokeId = buf[q++] & 0xFF;
                if (m.segmented) {
                    m.sequenceNumber = buf[q] & 0xFF;
                    m.windowSize = buf[q + 1] & 0xFF;
                    q += 2;
                }
                m.serviceChoice = buf[q++] & 0xFF;
            }
            case SEGMENT_ACK -> {
                m.negativeAck = (b0 & 0x02) != 0;
                m.invokeId = buf[q] & 0xFF;
                m.sequenceNumber = buf[q + 1] & 0xFF;
                m.windowSize = buf[q + 2] & 0xFF;
                q += 3;
            }
            case REJECT -> {
                m.invokeId = buf[q] & 0xFF;
                m.rejectReason = buf[q + 1] & 0xFF;
                q += 2;
            }
            default -> {
                m.invokeId = buf[q] & 0xFF;
                m.abortReason = buf[q + 1] & 0xFF;
                q += 2;
            }
        }
        return new Frame(m, q, end, null);
    }

    static int u16(byte[] buf, int p) {
        return ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
    }

    /** A B/IP address: 4-byte IPv4 address and 2-byte port. */
    static String bip(byte[] buf, int p) {
        return (buf[p] & 0xFF) + "." + (buf[p + 1] & 0xFF) + "." + (buf[p + 2] & 0xFF) + "." + (buf[p + 3] & 0xFF)
                + ":" + u16(buf, p + 4);
    }
}
