package io.otsoc.collector.protocol.dnp3;

/**
 * Walks the object headers of an application fragment (IEEE 1815-2012, 4.2.2.7): group, variation, qualifier and
 * range or count. Point values are not decoded, only stepped over: through index prefixes and size prefixes, and
 * through the data of the object types whose size {@link #objectBits} knows. At a data-carrying object of another
 * type the walk stops without error, having counted the headers before it.
 */
final class ObjectHeaders {

    /** Groups of the headers walked, the first {@link Dnp3Detail#MAX_GROUPS}. */
    final int[] groups = new int[Dnp3Detail.MAX_GROUPS];
    int groupCount;
    /** Headers walked. */
    int headerCount;

    /**
     * Walks the headers in {@code b[from, to)}.
     *
     * @param carriesData whether objects carry values (responses and writes/controls), not only prefixes
     * @return what was wrong, or null
     */
    String walk(byte[] b, int from, int to, boolean carriesData) {
        groupCount = 0;
        headerCount = 0;
        int p = from;
        while (p < to) {
            if (p + 3 > to) {
                return "object header at offset " + p + " cut short: " + (to - p) + " of 3 bytes";
            }
            int group = b[p] & 0xFF;
            int variation = b[p + 1] & 0xFF;
            int qualifier = b[p + 2] & 0xFF;
            p += 3;
            if (groupCount < groups.length) {
                groups[groupCount++] = group;
            }
            headerCount++;
            int rangeCode = qualifier & 0x0F;
            int prefixCode = (qualifier >>> 4) & 0x07;
            long count;
            int rangeBytes = switch (rangeCode) {
                case 0, 3 -> 2;
                case 1, 4 -> 4;
                case 2, 5 -> 8;
                case 6 -> 0;
                case 7, 0xB -> 1;
                case 8 -> 2;
                case 9 -> 4;
                default -> -1;
            };
            if (rangeBytes < 0) {
                return "object header g" + group + "v" + variation + ": qualifier 0x" + Integer.toHexString(qualifier)
                        + " has reserved range code " + rangeCode;
            }
            if (p + rangeBytes > to) {
                return "object header g" + group + "v" + variation + ": range cut short";
            }
            boolean startStop = rangeCode <= 5;
            if (startStop) {
                int half = rangeBytes / 2;
                long start = le(b, p, half);
                long stop = le(b, p + half, half);
                if (stop < start) {
                    return "object header g" + group + "v" + variation + ": range stop " + stop + " before start "
                            + start;
                }
                count = stop - start + 1;
            } else {
                count = rangeCode == 6 ? 0 : le(b, p, rangeBytes);
            }
            p += rangeBytes;
            if (prefixCode == 7) {
                return "object header g" + group + "v" + variation + ": qualifier 0x"
                        + Integer.toHexString(qualifier) + " has reserved prefix code 7";
            }
            if (count == 0) {
                continue;
            }
            if (prefixCode >= 4) { // each object is preceded by its own size
                int sizeBytes = prefixCode == 4 ? 1 : prefixCode == 5 ? 2 : 4;
                for (long i = 0; i < count; i++) {
                    if (p + sizeBytes > to) {
                        return "object g" + group + "v" + variation + ": size prefix cut short";
                    }
                    long size = le(b, p, sizeBytes);
                    p += sizeBytes;
                    if (size > to - p) {
                        return "object g" + group + "v" + variation + ": size " + size + " exceeds the "
                                + (to - p) + " bytes left";
                    }
                    p += (int) size;
                }
                continue;
            }
            int indexBytes = prefixCode == 0 ? 0 : prefixCode == 1 ? 1 : prefixCode == 2 ? 2 : 4;
            int bits = carriesData ? objectBits(group, variation) : 0;
            if (bits < 0) {
                return null; // values of a type not sized here: the remaining headers are not walked
            }
            long bytes;
            if (indexBytes == 0 && bits % 8 != 0) { // packed bit arrays over a range
                bytes = (count * bits + 7) / 8;
            } else {
                bytes = count * (indexBytes + (bits + 7) / 8);
            }
            if (bytes > to - p) {
                return "objects g" + group + "v" + variation + ": " + count + " objects need " + bytes
                        + " bytes, " + (to - p) + " left";
            }
            p += (int) bytes;
        }
        return null;
    }

    /** Size in bits of one object of the common fixed-size types, or -1 when not known here. */
    static int objectBits(int group, int variation) {
        return switch (group) {
            case 1 -> variation == 1 ? 1 : variation == 2 ? 8 : -1;
            case 2, 4, 11, 13 -> variation == 1 ? 8 : variation == 2 ? 56 : variation == 3 ? 24 : -1;
            case 3 -> variation == 1 ? 2 : variation == 2 ? 8 : -1;
            case 10 -> variation == 1 ? 1 : variation == 2 ? 8 : -1;
            case 12 -> variation == 1 || variation == 2 ? 88 : -1;
            case 20, 21 -> switch (variation) {
                case 1 -> 40; case 2 -> 24; case 5 -> 32; case 6 -> 16; case 9 -> 32; case 10 -> 16;
                default -> -1;
            };
            case 22, 23 -> switch (variation) {
                case 1 -> 40; case 2 -> 24; case 5 -> 88; case 6 -> 72;
                default -> -1;
            };
            case 30 -> switch (variation) {
                case 1 -> 40; case 2 -> 24; case 3 -> 32; case 4 -> 16; case 5 -> 40; case 6 -> 72;
                default -> -1;
            };
            case 32 -> switch (variation) {
                case 1 -> 40; case 2 -> 24; case 3 -> 88; case 4 -> 72; case 5 -> 40; case 6 -> 72;
                case 7 -> 88; case 8 -> 120;
                default -> -1;
            };
            case 40, 41 -> switch (variation) {
                case 1 -> 40; case 2 -> 24; case 3 -> 40; case 4 -> 72;
                default -> -1;
            };
            case 50 -> variation == 1 || variation == 3 ? 48 : variation == 4 ? 88 : -1;
            case 51 -> variation == 1 || variation == 2 ? 48 : -1;
            case 52 -> variation == 1 || variation == 2 ? 16 : -1;
            case 60 -> 0;
            case 80 -> variation == 1 ? 1 : -1;
            default -> -1;
        };
    }

    private static long le(byte[] b, int p, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        return v;
    }
}
