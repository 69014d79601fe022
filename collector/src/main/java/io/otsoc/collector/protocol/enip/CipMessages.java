package io.otsoc.collector.protocol.enip;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CIP requests and responses (CIP Vol. 1, 2-4) from a message router request or reply of known length.
 * Every count and offset is checked against the message before it is used; what does not fit becomes the message's
 * problem and ends the reading of that message, never of the flow.
 */
final class CipMessages {

    /** Embedded services read per Multiple Service Packet. */
    static final int MAX_EMBEDDED = 256;
    /** Attribute ids kept per Get Attribute List. */
    static final int MAX_ATTRIBUTES = 64;
    private static final int GET_ATTRIBUTE_LIST = 0x03;
    /** Nesting read: a Multiple Service Packet inside an Unconnected Send, no deeper. */
    private static final int MAX_DEPTH = 2;

    private CipMessages() {
    }

    static boolean isResponse(byte[] b, int off) {
        return (b[off] & 0x80) != 0;
    }

    static CipRequest request(byte[] b, int off, int len) {
        return request(b, off, len, 0);
    }

    private static CipRequest bad(int service, CipPath path, String problem) {
        return new CipRequest(service, path, null, null, null, null, -1, -1, null, problem);
    }

    private static CipRequest request(byte[] b, int off, int len, int depth) {
        if (len < 2) {
            return bad(len < 1 ? 0 : b[off] & 0x7F, CipPath.EMPTY, "CIP request of " + len
                    + " bytes is shorter than its service and path size");
        }
        int service = b[off] & 0x7F;
        int pathLength = 2 * (b[off + 1] & 0xFF);
        if (2 + pathLength > len) {
            return bad(service, CipPath.EMPTY, "CIP request path of " + pathLength / 2 + " words exceeds the "
                    + len + "-byte request");
        }
        CipPath path = CipPath.parse(b, off + 2, pathLength);
        int data = off + 2 + pathLength;
        int dataLength = len - 2 - pathLength;
        String problem = path.problem() == null ? null : "CIP request path: " + path.problem();
        long cls = path.classId();
        if (problem != null) {
            return bad(service, path, problem);
        }
        if (service == CipService.MULTIPLE_SERVICE_PACKET) {
            if (depth >= MAX_DEPTH) {
                return bad(service, path, "Multiple Service Packet nested deeper than " + MAX_DEPTH);
            }
            List<CipRequest> embedded = new ArrayList<>();
            problem = embedded(b, data, dataLength, embedded, depth, null);
            return new CipRequest(service, path, embedded, null, null, null, -1, -1, null, problem);
        }
        if (cls == CipService.CLASS_CONNECTION_MANAGER) {
            switch (service) {
                case CipService.UNCONNECTED_SEND:
                    return unconnectedSend(b, data, dataLength, path, depth);
                case CipService.FORWARD_OPEN:
                case CipService.LARGE_FORWARD_OPEN:
                    return forwardOpen(b, data, dataLength, path, service);
                case CipService.FORWARD_CLOSE:
                    return forwardClose(b, data, dataLength, path);
                default:
                    break;
            }
        }
        if (cls == CipService.CLASS_PCCC && service == CipService.EXECUTE_PCCC) {
            return executePccc(b, data, dataLength, path);
        }
        if (service == GET_ATTRIBUTE_LIST && dataLength >= 2) {
            int count = Le.u16(b, data);
            if (2 + 2 * count > dataLength) {
                return bad(service, path, "Get Attribute List count " + count + " exceeds its " + dataLength
                        + " data bytes");
            }
            int[] ids = new int[Math.min(count, MAX_ATTRIBUTES)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Le.u16(b, data + 2 + 2 * i);
            }
            return new CipRequest(service, path, null, null, null, null, -1, -1, ids, null);
        }
        return new CipRequest(service, path, null, null, null, null, -1, -1, null, null);
    }

    /**
     * The services of a Multiple Service Packet's data (count, offsets from the count, services), requests when
     * {@code replies} is null, else replies read with the matching request of {@code requests}.
     */
    private static String embedded(byte[] b, int data, int dataLength, List<CipRequest> requests, int depth,
                                   List<CipResponse> replies) {
        if (dataLength < 2) {
            return "Multiple Service Packet of " + dataLength + " data bytes lacks its service count";
        }
        int count = Le.u16(b, data);
        if (count > MAX_EMBEDDED) {
            return "Multiple Service Packet service count " + count + " exceeds " + MAX_EMBEDDED;
        }
        int table = 2 + 2 * count;
        if (table > dataLength) {
            return "Multiple Service Packet offset table of " + count + " services exceeds its " + dataLength
                    + " data bytes";
        }
        int previous = table;
        for (int i = 0; i < count; i++) {
            int offset = Le.u16(b, data + 2 + 2 * i);
            if (offset < previous || offset > dataLength) {
                return "Multiple Service Packet offset " + offset + " of service " + (i + 1) + " of " + count
                        + " lies outside " + previous + ".." + dataLength;
            }
            previous = offset;
        }
        for (int i = 0; i < count; i++) {
            int start = Le.u16(b, data + 2 + 2 * i);
            int end = i + 1 < count ? Le.u16(b, data + 4 + 2 * i) : dataLength;
            if (replies == null) {
                requests.add(request(b, data + start, end - start, depth + 1));
            } else {
                CipRequest asked = requests != null && requests.size() == count ? requests.get(i) : null;
                replies.add(response(b, data + start, end - start, asked, depth + 1));
            }
        }
        return null;
    }

    private static CipRequest unconnectedSend(byte[] b, int data, int dataLength, CipPath path, int depth) {
        if (dataLength < 4) {
            return bad(CipService.UNCONNECTED_SEND, path, "Unconnected Send of " + dataLength
                    + " data bytes lacks its message size");
        }
        int size = Le.u16(b, data + 2);
        if (4 + size > dataLength) {
            return bad(CipService.UNCONNECTED_SEND, path, "Unconnected Send message size " + size
                    + " exceeds its " + (dataLength - 4) + " bytes");
        }
        if (depth >= MAX_DEPTH) {
            return bad(CipService.UNCONNECTED_SEND, path, "Unconnected Send nested deeper than " + MAX_DEPTH);
        }
        CipRequest routed = request(b, data + 4, size, depth + 1);
        int p = data + 4 + size + (size & 1);
        CipPath route = null;
        String problem = routed.problem() == null ? null : "Unconnected Send embedded " + routed.problem();
        int end = data + dataLength;
        if (p + 2 <= end) {
            int routeLength = 2 * (b[p] & 0xFF);
            if (p + 2 + routeLength > end) {
                problem = problem != null ? problem : "Unconnected Send route path of " + routeLength / 2
                        + " words exceeds the request";
            } else {
                route = CipPath.parse(b, p + 2, routeLength);
            }
        } else if (problem == null) {
            problem = "Unconnected Send lacks its route path";
        }
        return new CipRequest(CipService.UNCONNECTED_SEND, path, null, routed, route, null, -1, -1, null, problem);
    }

    private static CipRequest forwardOpen(byte[] b, int data, int dataLength, CipPath path, int service) {
        boolean large = service == CipService.LARGE_FORWARD_OPEN;
        int fixed = large ? 36 : 32;
        if (dataLength < fixed) {
            return bad(service, path, (large ? "Large Forward Open" : "Forward Open") + " of " + dataLength
                    + " data bytes is shorter than its " + fixed + "-byte parameters");
        }
        int p = data + 2;
        long ot = Le.u32(b, p);
        long to = Le.u32(b, p + 4);
        int serial = Le.u16(b, p + 8);
        int vendor = Le.u16(b, p + 10);
        long originator = Le.u32(b, p + 12);
        long otRpi = Le.u32(b, p + 20);
        int paramSize = large ? 4 : 2;
        long toRpi = Le.u32(b, p + 24 + paramSize);
        int trigger = b[p + 28 + 2 * paramSize] & 0xFF;
        CipRequest.ConnectionParameters c = new CipRequest.ConnectionParameters(ot, to, serial, vendor, originator,
                otRpi, toRpi, trigger & 0x0F);
        return new CipRequest(service, path, null, null, null, c, -1, -1, null, null);
    }

    private static CipRequest forwardClose(byte[] b, int data, int dataLength, CipPath path) {
        if (dataLength < 10) {
            return bad(CipService.FORWARD_CLOSE, path, "Forward Close of " + dataLength
                    + " data bytes is shorter than its 10-byte connection triad");
        }
        CipRequest.ConnectionParameters c = new CipRequest.ConnectionParameters(-1, -1, Le.u16(b, data + 2),
                Le.u16(b, data + 4), Le.u32(b, data + 6), -1, -1, -1);
        return new CipRequest(CipService.FORWARD_CLOSE, path, null, null, null, c, -1, -1, null, null);
    }

    private static CipRequest executePccc(byte[] b, int data, int dataLength, CipPath path) {
        if (dataLength < 1) {
            return bad(CipService.EXECUTE_PCCC, path, "Execute PCCC lacks its requestor id");
        }
        int id = b[data] & 0xFF;
        if (id < 7 || id + 4 > dataLength) {
            return bad(CipService.EXECUTE_PCCC, path, "Execute PCCC requestor id length " + id
                    + " leaves no PCCC command in " + dataLength + " bytes");
        }
        int command = b[data + id] & 0xFF;
        int function = -1;
        if (Pccc.hasFunction(command)) {
            if (id + 5 > dataLength) {
                return new CipRequest(CipService.EXECUTE_PCCC, path, null, null, null, null, command, -1, null,
                        "PCCC command 0x" + Integer.toHexString(command) + " lacks its function code");
            }
            function = b[data + id + 4] & 0xFF;
        }
        return new CipRequest(CipService.EXECUTE_PCCC, path, null, null, null, null, command, function, null, null);
    }

    /** A response, read with the request it answers ({@code asked}, the effective request; may be null). */
    static CipResponse response(byte[] b, int off, int len, CipRequest asked) {
        return response(b, off, len, asked, 0);
    }

    private static CipResponse response(byte[] b, int off, int len, CipRequest asked, int depth) {
        int service = len < 1 ? 0 : b[off] & 0x7F;
        if (len < 4) {
            return new CipResponse(service, -1, CipResponse.ABSENT, off, 0, null, null, null, -1,
                    "CIP response of " + len + " bytes is shorter than its 4-byte header");
        }
        int status = b[off + 2] & 0xFF;
        int words = b[off + 3] & 0xFF;
        if (4 + 2 * words > len) {
            return new CipResponse(service, status, CipResponse.ABSENT, off, 0, null, null, null, -1,
                    "CIP additional status of " + words + " words exceeds the " + len + "-byte response");
        }
        int extended = words > 0 ? Le.u16(b, off + 4) : CipResponse.ABSENT;
        int data = off + 4 + 2 * words;
        int dataLength = len - 4 - 2 * words;
        List<CipResponse> embedded = null;
        String problem = null;
        CipRequest.ConnectionParameters connection = null;
        CipIdentity identity = null;
        int pccc = -1;
        if (service == CipService.MULTIPLE_SERVICE_PACKET && depth < MAX_DEPTH && dataLength > 0
                && (status == 0 || status == 0x1E)) {
            embedded = new ArrayList<>();
            problem = embedded(b, data, dataLength, asked == null ? null : asked.embedded(), depth, embedded);
        }
        if (asked != null && asked.service() == service && status == 0) {
            long cls = asked.path().classId();
            if ((service == CipService.FORWARD_OPEN || service == CipService.LARGE_FORWARD_OPEN)
                    && cls == CipService.CLASS_CONNECTION_MANAGER) {
                if (dataLength >= 26) {
                    connection = new CipRequest.ConnectionParameters(Le.u32(b, data), Le.u32(b, data + 4),
                            Le.u16(b, data + 8), Le.u16(b, data + 10), Le.u32(b, data + 12),
                            Le.u32(b, data + 16), Le.u32(b, data + 20), -1);
                } else {
                    problem = "Forward Open reply of " + dataLength + " data bytes is shorter than its 26 bytes";
                }
            } else if (service == CipService.GET_ATTRIBUTES_ALL && cls == CipService.CLASS_IDENTITY) {
                identity = CipIdentity.fromAttributesAll(b, data, dataLength);
            }
        }
        if (asked != null && asked.pcccCommand() >= 0 && status == 0 && dataLength >= 1) {
            int id = b[data] & 0xFF;
            if (id >= 1 && id + 2 <= dataLength) {
                pccc = b[data + id + 1] & 0xFF;
            } else {
                problem = "Execute PCCC reply requestor id length " + id + " leaves no PCCC status in "
                        + dataLength + " bytes";
            }
        }
        return new CipResponse(service, status, extended, data, dataLength, embedded, connection, identity, pccc,
                problem);
    }
}
