package io.otsoc.collector.protocol.dhcp;

import io.otsoc.collector.flow.AddressText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one DHCP message (RFC 2132), read from the options field and, when option 52 says so, from the
 * BOOTP {@code file} and {@code sname} fields (RFC 2131 section 4.1: options, then file, then sname). Each option's
 * length is checked against what is left of its field and against the length its type requires; the first
 * violation ends the reading and is kept as {@link #error}.
 */
final class DhcpOptions {

    /** Addresses kept per address-list option, parameters kept of the request list. */
    static final int MAX_LIST = 16;
    static final int MAX_TEXT = 255;

    int messageType = -1;
    String hostName;
    String vendorClass;
    String clientId;
    /** Hardware type of a client id (option 61), -1 if absent. */
    int clientIdType = -1;
    String clientIdMac;
    String requestedIp;
    String serverId;
    long leaseTime = -1;
    long renewalTime = -1;
    long rebindingTime = -1;
    String subnetMask;
    List<String> routers;
    List<String> dnsServers;
    List<String> timeServers;
    List<String> nameServers;
    List<String> ntpServers;
    Long timeOffset;
    String domainName;
    String message;
    int[] parameters;
    String clientFqdn;
    String circuitId;
    String remoteId;
    String subscriberId;
    int overload = -1;
    int count;
    boolean ended;
    String error;

    /** Reads one option area; returns false after an error. {@code where} names the area in messages. */
    boolean read(byte[] b, int off, int len, String where) {
        int p = off;
        int end = off + len;
        while (p < end) {
            int code = b[p] & 0xff;
            if (code == 0) {
                p++;
                continue;
            }
            if (code == 255) {
                ended = true;
                return true;
            }
            if (end - p < 2) {
                error = "DHCP option " + code + " at byte " + (p - off) + " of the " + where + " has no length byte";
                return false;
            }
            int n = b[p + 1] & 0xff;
            int v = p + 2;
            if (n > end - v) {
                error = "DHCP option " + code + " length " + n + " exceeds the " + (end - v) + " bytes left in the "
                        + where;
                return false;
            }
            count++;
            String problem = option(code, b, v, n);
            if (problem != null) {
                error = problem + " (in the " + where + ")";
                return false;
            }
            p = v + n;
        }
        return true;
    }

    private String option(int code, byte[] b, int v, int n) {
        switch (code) {
            case 1 -> {
                if (n != 4) {
                    return fixed("subnet mask", code, n, 4);
                }
                subnetMask = ip(b, v);
            }
            case 2 -> {
                if (n != 4) {
                    return fixed("time offset", code, n, 4);
                }
                timeOffset = (long) u32(b, v);
            }
            case 3, 4, 5, 6, 42 -> {
                if (n == 0 || n % 4 != 0) {
                    return "DHCP option " + code + " length " + n + " is not a positive multiple of 4";
                }
                List<String> list = new ArrayList<>();
                for (int i = 0; i < n && list.size() < MAX_LIST; i += 4) {
                    list.add(ip(b, v + i));
                }
                switch (code) {
                    case 3 -> routers = list;
                    case 4 -> timeServers = list;
                    case 5 -> nameServers = list;
                    case 6 -> dnsServers = list;
                    default -> ntpServers = list;
                }
            }
            case 12 -> hostName = n == 0 ? null : text(b, v, n);
            case 15 -> domainName = n == 0 ? null : text(b, v, n);
            case 50 -> {
                if (n != 4) {
                    return fixed("requested address", code, n, 4);
                }
                requestedIp = ip(b, v);
            }
            case 51, 58, 59 -> {
                if (n != 4) {
                    return fixed(code == 51 ? "lease time" : code == 58 ? "renewal time" : "rebinding time", code,
                            n, 4);
                }
                long seconds = u32(b, v) & 0xffffffffL;
                if (code == 51) {
                    leaseTime = seconds;
                } else if (code == 58) {
                    renewalTime = seconds;
                } else {
                    rebindingTime = seconds;
                }
            }
            case 52 -> {
                if (n != 1) {
                    return fixed("option overload", code, n, 1);
                }
                overload = b[v] & 0xff;
            }
            case 53 -> {
                if (n != 1) {
                    return fixed("message type", code, n, 1);
                }
                messageType = b[v] & 0xff;
            }
            case 54 -> {
                if (n != 4) {
                    return fixed("server identifier", code, n, 4);
                }
                serverId = ip(b, v);
            }
            case 55 -> {
                int kept = Math.min(n, MAX_LIST * 4);
                parameters = new int[kept];
                for (int i = 0; i < kept; i++) {
                    parameters[i] = b[v + i] & 0xff;
                }
            }
            case 56 -> message = n == 0 ? null : text(b, v, n);
            case 60 -> vendorClass = n == 0 ? null : text(b, v, n);
            case 61 -> {
                if (n < 2) {
                    return "DHCP client identifier length " + n + " is less than 2";
                }
                clientIdType = b[v] & 0xff;
                clientId = hex(b, v + 1, n - 1);
                if (clientIdType == 1 && n == 7) {
                    clientIdMac = clientId;
                }
            }
            case 81 -> {
                if (n < 3) {
                    return "DHCP client FQDN length " + n + " is less than 3";
                }
                boolean encoded = (b[v] & 0x04) != 0;
                clientFqdn = encoded ? dnsName(b, v + 3, n - 3) : n == 3 ? "" : text(b, v + 3, n - 3);
            }
            case 82 -> {
                return relayAgent(b, v, n);
            }
            default -> {
                // other options are skipped by their length
            }
        }
        return null;
    }

    /** Relay agent information (RFC 3046): sub-options of a code and a length. */
    private String relayAgent(byte[] b, int v, int n) {
        int p = v;
        int end = v + n;
        while (p < end) {
            if (end - p < 2) {
                return "DHCP relay agent sub-option " + (b[p] & 0xff) + " has no length byte";
            }
            int sub = b[p] & 0xff;
            int m = b[p + 1] & 0xff;
            if (m > end - p - 2) {
                return "DHCP relay agent sub-option " + sub + " length " + m + " exceeds the " + (end - p - 2)
                        + " bytes left in option 82";
            }
            String value = printable(b, p + 2, m);
            switch (sub) {
                case 1 -> circuitId = value;
                case 2 -> remoteId = value;
                case 6 -> subscriberId = value;
                default -> {
                    // other sub-options skipped
                }
            }
            p += 2 + m;
        }
        return null;
    }

    private static String fixed(String name, int code, int n, int expected) {
        return "DHCP " + name + " option " + code + " length " + n + " is not " + expected;
    }

    /** RFC 1035 wire-format name (client FQDN with the E flag); null when the labels overrun. */
    static String dnsName(byte[] b, int p, int n) {
        StringBuilder s = new StringBuilder();
        int end = p + n;
        while (p < end) {
            int label = b[p] & 0xff;
            if (label == 0) {
                break;
            }
            if (label > 63 || label > end - p - 1) {
                return null;
            }
            if (s.length() > 0) {
                s.append('.');
            }
            s.append(text(b, p + 1, label));
            p += 1 + label;
        }
        return s.toString();
    }

    /** Text with trailing NULs dropped and control characters replaced, or colon-separated hex when binary. */
    static String printable(byte[] b, int p, int n) {
        for (int i = 0; i < n; i++) {
            int c = b[p + i] & 0xff;
            if (c < 0x20 || c > 0x7e) {
                return hex(b, p, n);
            }
        }
        return new String(b, p, n, StandardCharsets.US_ASCII);
    }

    static String text(byte[] b, int p, int n) {
        int end = p + n;
        while (end > p && b[end - 1] == 0) {
            end--;
        }
        String s = new String(b, p, end - p, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(Math.min(s.length(), MAX_TEXT));
        for (int i = 0; i < s.length() && out.length() < MAX_TEXT; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '.' : c);
        }
        return out.toString();
    }

    static String hex(byte[] b, int p, int n) {
        StringBuilder s = new StringBuilder(n * 3);
        for (int i = 0; i < n && i < 64; i++) {
            if (i > 0) {
                s.append(':');
            }
            s.append(Character.forDigit((b[p + i] & 0xf0) >>> 4, 16)).append(Character.forDigit(b[p + i] & 0x0f, 16));
        }
        return s.toString();
    }

    static String ip(byte[] b, int p) {
        return AddressText.ipv4(u32(b, p));
    }

    static int u32(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff;
    }
}
