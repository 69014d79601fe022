package io.otsoc.collector.flow;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Community ID v1 flow hashing (corelight/community-id-spec): SHA-1 over seed, ordered endpoints, protocol, a pad
 * byte and ports, rendered as {@code 1:} + base64 (or hex). ICMP and ICMPv6 type/code are mapped to ports as Zeek
 * does, with one-way types left unordered; protocols without ports hash addresses and protocol only.
 *
 * <p>Computed once per flow. Not thread-safe (it reuses its digest and scratch buffer).
 */
public final class CommunityId {

    /** Ports for protocols that have none. */
    public static final int NO_PORT = -1;

    private final int seed;
    private final boolean base64;
    private final MessageDigest sha1;
    private final byte[] scratch = new byte[2 + 16 + 16 + 2 + 4];

    public CommunityId() {
        this(0, true);
    }

    public CommunityId(int seed, boolean base64) {
        if (seed < 0 || seed > 0xffff) {
            throw new IllegalArgumentException("Community ID seed must fit in 16 bits, was " + seed);
        }
        this.seed = seed;
        this.base64 = base64;
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }

    /**
     * The ID of a flow given as primitives (as the dissector holds them).
     *
     * @param sport source port, or {@link #NO_PORT} for protocols without ports (then dport is ignored)
     */
    public String of(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int proto, int sport, int dport) {
        return hash(v6, srcHi, srcLo, dstHi, dstLo, proto, sport, dport, false);
    }

    /** The ID of an ICMP (proto 1) or ICMPv6 (proto 58) packet from its raw type and code. */
    public String ofIcmp(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int type, int code) {
        int counterpart = v6 ? icmp6Counterpart(type) : icmp4Counterpart(type);
        int proto = v6 ? 58 : 1;
        if (counterpart < 0) {
            return hash(v6, srcHi, srcLo, dstHi, dstLo, proto, type, code, true);
        }
        return hash(v6, srcHi, srcLo, dstHi, dstLo, proto, type, counterpart, false);
    }

    /** The ID for textual addresses (IPv4 dotted or IPv6), e.g. for test vectors and tooling. */
    public String of(String srcIp, String dstIp, int proto, int sport, int dport) {
        long[] s = parse(srcIp);
        long[] d = parse(dstIp);
        return of(s[2] == 6, s[0], s[1], d[0], d[1], proto, sport, dport);
    }

    /** Like {@link #ofIcmp} for textual addresses. */
    public String ofIcmp(String srcIp, String dstIp, int type, int code) {
        long[] s = parse(srcIp);
        long[] d = parse(dstIp);
        return ofIcmp(s[2] == 6, s[0], s[1], d[0], d[1], type, code);
    }

    private String hash(boolean v6, long srcHi, long srcLo, long dstHi, long dstLo, int proto, int sport,
                        int dport, boolean oneWay) {
        boolean ports = sport != NO_PORT;
        boolean swap = false;
        if (!oneWay) {
            int byAddress = compareUnsigned(srcHi, srcLo, dstHi, dstLo);
            swap = byAddress > 0 || (byAddress == 0 && ports && sport > dport);
        }
        byte[] b = scratch;
        b[0] = (byte) (seed >>> 8);
        b[1] = (byte) seed;
        int at = 2;
        if (swap) {
            at = AddressText.writeIp(b, at, v6, dstHi, dstLo);
            at = AddressText.writeIp(b, at, v6, srcHi, srcLo);
        } else {
            at = AddressText.writeIp(b, at, v6, srcHi, srcLo);
            at = AddressText.writeIp(b, at, v6, dstHi, dstLo);
        }
        b[at++] = (byte) proto;
        b[at++] = 0;
        if (ports) {
            int first = swap ? dport : sport;
            int second = swap ? sport : dport;
            b[at++] = (byte) (first >>> 8);
            b[at++] = (byte) first;
            b[at++] = (byte) (second >>> 8);
            b[at++] = (byte) second;
        }
        sha1.reset();
        sha1.update(b, 0, at);
        byte[] digest = sha1.digest();
        return "1:" + (base64 ? Base64.getEncoder().encodeToString(digest) : HexFormat.of().formatHex(digest));
    }

    private static int compareUnsigned(long aHi, long aLo, long bHi, long bLo) {
        int c = Long.compareUnsigned(aHi, bHi);
        return c != 0 ? c : Long.compareUnsigned(aLo, bLo);
    }

    /** The reply type that pairs with an ICMPv4 type, or -1 for one-way types. */
    static int icmp4Counterpart(int type) {
        return switch (type) {
            case 8 -> 0;      // echo request / reply
            case 0 -> 8;
            case 13 -> 14;    // timestamp
            case 14 -> 13;
            case 15 -> 16;    // information
            case 16 -> 15;
            case 10 -> 9;     // router solicitation / advertisement
            case 9 -> 10;
            case 17 -> 18;    // address mask
            case 18 -> 17;
            default -> -1;
        };
    }

    /** The reply type that pairs with an ICMPv6 type, or -1 for one-way types. */
    static int icmp6Counterpart(int type) {
        return switch (type) {
            case 128 -> 129;  // echo
            case 129 -> 128;
            case 133 -> 134;  // router solicitation / advertisement
            case 134 -> 133;
            case 135 -> 136;  // neighbor solicitation / advertisement
            case 136 -> 135;
            case 130 -> 131;  // multicast listener query / report
            case 131 -> 130;
            case 139 -> 140;  // node information query / response
            case 140 -> 139;
            case 144 -> 145;  // home agent address discovery
            case 145 -> 144;
            default -> -1;
        };
    }

    /** {hi, lo, version} of a textual address; IPv4 literals only (no host name lookup). */
    static long[] parse(String ip) {
        if (ip.indexOf(':') < 0) {
            String[] parts = ip.split("\\.");
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            long v = 0;
            for (String part : parts) {
                int octet = Integer.parseInt(part);
                if (octet < 0 || octet > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + ip);
                }
                v = (v << 8) | octet;
            }
            return new long[]{0, v, 4};
        }
        int[] groups = new int[8];
        int dbl = ip.indexOf("::");
        String head = dbl < 0 ? ip : ip.substring(0, dbl);
        String tail = dbl < 0 ? "" : ip.substring(dbl + 2);
        String[] h = head.isEmpty() ? new String[0] : head.split(":");
        String[] t = tail.isEmpty() ? new String[0] : tail.split(":");
        if (h.length + t.length > 8 || (dbl < 0 && h.length != 8)) {
            throw new IllegalArgumentException("not an IPv6 address: " + ip);
        }
        for (int i = 0; i < h.length; i++) {
            groups[i] = Integer.parseInt(h[i], 16);
        }
        for (int i = 0; i < t.length; i++) {
            groups[8 - t.length + i] = Integer.parseInt(t[i], 16);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | (groups[i] & 0xffff);
            lo = (lo << 16) | (groups[i + 4] & 0xffff);
        }
        return new long[]{hi, lo, 6};
    }
}
