package io.otsoc.collector.protocol.goose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One GOOSE frame (IEC 61850-8-1 clause 8.1 and annex A): APPID (2), Length (2, counted from the APPID, header
 * included), Reserved1 (2; bit 15 is the Edition 2 simulation bit), Reserved2 (2), then the BER-encoded goosePdu
 * ([APPLICATION 1] IMPLICIT SEQUENCE) with context-tagged fields gocbRef [0], timeAllowedtoLive [1], datSet [2],
 * goID [3], t [4] (UtcTime: 4 bytes seconds, 3 bytes fraction, 1 byte quality), stNum [5], sqNum [6],
 * simulation/test [7], confRev [8], ndsCom [9], numDatSetEntries [10], allData [11]. Every BER length is checked
 * against what its parent leaves; values of allData are kept for the first {@link #MAX_VALUES} entries, as text.
 */
final class GoosePdu {

    static final int HEADER = 8;
    static final int MAX_VALUES = 16;
    static final int MAX_TEXT = 129;
    static final long ABSENT = -1;

    int appId;
    int length;
    int reserved1;
    int reserved2;
    String gocbRef;
    long timeAllowedToLive = ABSENT;
    String datSet;
    String goId;
    long tSeconds = ABSENT;
    long tFraction = ABSENT;
    int tQuality = -1;
    long stNum = ABSENT;
    long sqNum = ABSENT;
    Boolean test;
    long confRev = ABSENT;
    Boolean ndsCom;
    long numDatSetEntries = ABSENT;
    int entryCount = -1;
    final List<String> values = new ArrayList<>();
    String problem;

    boolean simulation() {
        return (reserved1 & 0x8000) != 0;
    }

    /** The UtcTime t in microseconds since the epoch, or -1. */
    long tMicros() {
        if (tSeconds < 0) {
            return -1;
        }
        return tSeconds * 1_000_000L + (tFraction * 1_000_000L >> 24);
    }

    static GoosePdu parse(byte[] b, int offset, int length) {
        GoosePdu g = new GoosePdu();
        if (length < HEADER) {
            g.problem = "GOOSE header truncated: " + length + " bytes, the APPID/Length/Reserved header takes 8";
            return g;
        }
        g.appId = be16(b, offset);
        g.length = be16(b, offset + 2);
        g.reserved1 = be16(b, offset + 4);
        g.reserved2 = be16(b, offset + 6);
        if (g.length < HEADER) {
            g.problem = "GOOSE Length " + g.length + " at offset 2 is shorter than its own 8-byte header";
            return g;
        }
        if (g.length > length) {
            g.problem = "GOOSE Length " + g.length + " at offset 2 exceeds the " + length + "-byte frame payload";
            return g;
        }
        int end = offset + g.length;
        int p = offset + HEADER;
        if (end - p < 2) {
            g.problem = "goosePdu missing: the " + (end - p) + " bytes after the header hold no BER tag and length";
            return g;
        }
        if ((b[p] & 0xFF) != 0x61) {
            g.problem = String.format("goosePdu tag 0x%02x at offset 8 is not [APPLICATION 1] (0x61)", b[p] & 0xFF);
            return g;
        }
        long[] tl = new long[2];
        String bad = tagLength(b, p, end, tl);
        if (bad != null) {
            g.problem = "goosePdu " + bad;
            return g;
        }
        p = (int) tl[0];
        int pduEnd = p + (int) tl[1];
        while (p < pduEnd) {
            int tag = b[p] & 0xFF;
            int at = p - offset;
            bad = tagLength(b, p, pduEnd, tl);
            if (bad != null) {
                g.problem = String.format("goosePdu field tag 0x%02x at offset %d: %s", tag, at, bad);
                return g;
            }
            int v = (int) tl[0];
            int n = (int) tl[1];
            switch (tag) {
                case 0x80 -> g.gocbRef = text(b, v, n);
                case 0x81 -> g.timeAllowedToLive = unsigned(b, v, n);
                case 0x82 -> g.datSet = text(b, v, n);
                case 0x83 -> g.goId = text(b, v, n);
                case 0x84 -> {
                    if (n != 8) {
                        g.problem = "goosePdu t (UtcTime) at offset " + at + " has " + n + " bytes, not 8";
                        return g;
                    }
                    g.tSeconds = (b[v] & 0xFFL) << 24 | (b[v + 1] & 0xFFL) << 16 | (b[v + 2] & 0xFFL) << 8
                            | (b[v + 3] & 0xFFL);
                    g.tFraction = (b[v + 4] & 0xFFL) << 16 | (b[v + 5] & 0xFFL) << 8 | (b[v + 6] & 0xFFL);
                    g.tQuality = b[v + 7] & 0xFF;
                }
                case 0x85 -> g.stNum = unsigned(b, v, n);
                case 0x86 -> g.sqNum = unsigned(b, v, n);
                case 0x87 -> g.test = n >= 1 && b[v] != 0;
                case 0x88 -> g.confRev = unsigned(b, v, n);
                case 0x89 -> g.ndsCom = n >= 1 && b[v] != 0;
                case 0x8A -> g.numDatSetEntries = unsigned(b, v, n);
                case 0xAB -> {
                    String dataProblem = g.allData(b, v, v + n);
                    if (dataProblem != null) {
                        g.problem = "allData at offset " + at + ": " + dataProblem;
                        return g;
                    }
                }
                default -> {
                    // security [12] and future fields: skipped by their length
                }
            }
            p = v + n;
        }
        if (g.gocbRef == null || g.stNum < 0 || g.sqNum < 0) {
            g.problem = "goosePdu lacks " + (g.gocbRef == null ? "gocbRef [0]" : g.stNum < 0 ? "stNum [5]" : "sqNum [6]");
        } else if (g.numDatSetEntries >= 0 && g.entryCount >= 0 && g.numDatSetEntries != g.entryCount) {
            g.problem = "numDatSetEntries " + g.numDatSetEntries + " differs from the " + g.entryCount
                    + " entries of allData";
        }
        return g;
    }

    private String allData(byte[] b, int p, int end) {
        long[] tl = new long[2];
        entryCount = 0;
        while (p < end) {
            int tag = b[p] & 0xFF;
            String bad = tagLength(b, p, end, tl);
            if (bad != null) {
                return String.format("entry %d tag 0x%02x: %s", entryCount, tag, bad);
            }
            int v = (int) tl[0];
            int n = (int) tl[1];
            if (values.size() < MAX_VALUES) {
                values.add(value(b, tag, v, n));
            }
            entryCount++;
            p = v + n;
        }
        return null;
    }

    /** A Data value (IEC 61850-8-1 annex A, MMS Data) as short text. */
    private static String value(byte[] b, int tag, int v, int n) {
        return switch (tag) {
            case 0x83 -> n >= 1 ? (b[v] != 0 ? "true" : "false") : "boolean?";
            case 0x85 -> n >= 1 && n <= 8 ? String.valueOf(signed(b, v, n)) : "integer(" + n + ")";
            case 0x86 -> n >= 1 && n <= 8 ? Long.toUnsignedString(unsigned(b, v, n)) : "unsigned(" + n + ")";
            case 0x84 -> "bits:" + hex(b, v, n);
            case 0x87 -> n == 5 && b[v] == 8 ? String.valueOf(Float.intBitsToFloat((int) unsigned(b, v + 1, 4)))
                    : "float:" + hex(b, v, n);
            case 0x89 -> "octets:" + hex(b, v, n);
            case 0x8A -> text(b, v, n);
            case 0x91 -> "utc:" + hex(b, v, n);
            case 0xA1 -> "array(" + n + " bytes)";
            case 0xA2 -> "structure(" + n + " bytes)";
            default -> String.format("tag_0x%02x:%s", tag, hex(b, v, n));
        };
    }

    /**
     * Reads the BER tag (one byte; high tag numbers are not used by GOOSE) and definite length at {@code p}; puts
     * the value's offset and length in {@code out}; returns what was wrong, or null.
     */
    static String tagLength(byte[] b, int p, int end, long[] out) {
        if (end - p < 2) {
            return "tag and length truncated at the end of their parent";
        }
        if ((b[p] & 0x1F) == 0x1F) {
            return "high-tag-number form is not used by GOOSE";
        }
        int first = b[p + 1] & 0xFF;
        int v = p + 2;
        long len;
        if (first < 0x80) {
            len = first;
        } else {
            int count = first & 0x7F;
            if (count == 0) {
                return "indefinite length is not allowed";
            }
            if (count > 3) {
                return "length of " + count + " bytes is too long for a frame";
            }
            if (end - v < count) {
                return "length bytes truncated";
            }
            len = 0;
            for (int i = 0; i < count; i++) {
                len = len << 8 | (b[v + i] & 0xFF);
            }
            v += count;
        }
        if (len > end - v) {
            return "length " + len + " exceeds the " + (end - v) + " bytes its parent leaves";
        }
        out[0] = v;
        out[1] = len;
        return null;
    }

    private static long unsigned(byte[] b, int v, int n) {
        long x = 0;
        for (int i = 0; i < Math.min(n, 8); i++) {
            x = x << 8 | (b[v + i] & 0xFF);
        }
        return n > 8 ? -1 : x;
    }

    private static long signed(byte[] b, int v, int n) {
        long x = b[v];
        for (int i = 1; i < n; i++) {
            x = x << 8 | (b[v + i] & 0xFF);
        }
        return x;
    }

    private static String text(byte[] b, int v, int n) {
        return new String(b, v, Math.min(n, MAX_TEXT), StandardCharsets.ISO_8859_1);
    }

    private static String hex(byte[] b, int v, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, 16); i++) {
            s.append(String.format("%02x", b[v + i] & 0xFF));
        }
        return n > 16 ? s + "..." : s.toString();
    }

    static int be16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }
}
