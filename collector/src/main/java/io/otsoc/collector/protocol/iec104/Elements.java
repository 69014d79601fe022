package io.otsoc.collector.protocol.iec104;

import static io.otsoc.collector.protocol.iec104.InformationObject.NONE;

/** Reads one information element (IEC 60870-5-101 section 7.2.6) after its object address. */
final class Elements {

    private Elements() {
    }

    /** The element of {@code size} octets at {@code p} (all present) of an object at {@code address}. */
    static InformationObject read(AsduType type, byte[] b, int p, int size, int address) {
        Cp56Time time = type.hasCp56() ? Cp56Time.read(b, p + size - Cp56Time.SIZE) : null;
        int v = b.length > p && size > 0 ? b[p] & 0xFF : 0;
        return switch (type.element) {
            case NONE, FILE, SEGMENT -> new InformationObject(address, NONE, Double.NaN, null, NONE, NONE, NONE, time);
            case SIQ -> new InformationObject(address, v & 1, Double.NaN, (v & 1) == 1 ? "on" : "off", v & 0xF0, NONE,
                    NONE, time);
            case DIQ -> new InformationObject(address, v & 3, Double.NaN, doublePoint(v & 3), v & 0xF0, NONE, NONE,
                    time);
            case VTI -> {
                int step = (v & 0x40) != 0 ? (v & 0x7F) - 128 : v & 0x7F;
                yield new InformationObject(address, step, step, step + ((v & 0x80) != 0 ? " transient" : ""),
                        b[p + 1] & 0xF1, NONE, NONE, time);
            }
            case BSI_QDS -> {
                long bits = u32(b, p);
                yield new InformationObject(address, bits, Double.NaN, String.format("0x%08x", bits), b[p + 4] & 0xF1,
                        NONE, NONE, time);
            }
            case BSI -> {
                long bits = u32(b, p);
                yield new InformationObject(address, bits, Double.NaN, String.format("0x%08x", bits), NONE, NONE, NONE,
                        time);
            }
            case SCD_QDS -> {
                long bits = u32(b, p);
                yield new InformationObject(address, bits, Double.NaN, String.format("0x%08x", bits), b[p + 4] & 0xF1,
                        NONE, NONE, time);
            }
            case NVA_QDS -> measured(address, normalized(b, p), b[p + 2] & 0xF1, NONE, NONE, time);
            case SVA_QDS -> measured(address, s16(b, p), b[p + 2] & 0xF1, NONE, NONE, time);
            case R32_QDS -> measured(address, Float.intBitsToFloat((int) u32(b, p)), b[p + 4] & 0xF1, NONE, NONE, time);
            case NVA -> measured(address, normalized(b, p), NONE, NONE, NONE, time);
            case BCR -> {
                int counter = (int) u32(b, p);
                yield new InformationObject(address, counter, counter, Integer.toString(counter), b[p + 4] & 0xE0,
                        b[p + 4] & 0x1F, NONE, time);
            }
            case PROTECTION -> new InformationObject(address, v, Double.NaN, String.format("0x%02x", v),
                    type == AsduType.M_EP_TA_1 || type == AsduType.M_EP_TD_1 ? v & 0xF8 : b[p + 1] & 0xF1, NONE, NONE,
                    time);
            case SCO -> new InformationObject(address, v & 1, Double.NaN, (v & 1) == 1 ? "on" : "off", NONE,
                    (v >> 2) & 0x1F, v >> 7, time);
            case DCO -> new InformationObject(address, v & 3, Double.NaN, doubleCommand(v & 3), NONE, (v >> 2) & 0x1F,
                    v >> 7, time);
            case RCO -> new InformationObject(address, v & 3, Double.NaN, regulatingStep(v & 3), NONE,
                    (v >> 2) & 0x1F, v >> 7, time);
            case NVA_QOS -> measured(address, normalized(b, p), NONE, b[p + 2] & 0x7F, (b[p + 2] & 0xFF) >> 7, time);
            case SVA_QOS -> measured(address, s16(b, p), NONE, b[p + 2] & 0x7F, (b[p + 2] & 0xFF) >> 7, time);
            case R32_QOS -> measured(address, Float.intBitsToFloat((int) u32(b, p)), NONE, b[p + 4] & 0x7F,
                    (b[p + 4] & 0xFF) >> 7, time);
            case NVA_QPM -> measured(address, normalized(b, p), NONE, b[p + 2] & 0xFF, NONE, time);
            case SVA_QPM -> measured(address, s16(b, p), NONE, b[p + 2] & 0xFF, NONE, time);
            case R32_QPM -> measured(address, Float.intBitsToFloat((int) u32(b, p)), NONE, b[p + 4] & 0xFF, NONE, time);
            case COI -> new InformationObject(address, v & 0x7F, Double.NaN, initialization(v & 0x7F), NONE, v >> 7,
                    NONE, time);
            case QOI, QRP, QPA -> new InformationObject(address, v, Double.NaN, null, NONE, v, NONE, time);
            case QCC -> new InformationObject(address, v & 0x3F, Double.NaN, null, NONE, v, NONE, time);
            case TIME -> new InformationObject(address, NONE, Double.NaN, time.iso(), NONE, NONE, NONE, time);
            case FBP -> new InformationObject(address, u16(b, p), Double.NaN, String.format("0x%04x", u16(b, p)), NONE,
                    NONE, NONE, time);
            case CP16 -> new InformationObject(address, u16(b, p), u16(b, p), Integer.toString(u16(b, p)), NONE, NONE,
                    NONE, time);
            case TSC -> new InformationObject(address, u16(b, p), Double.NaN, Integer.toString(u16(b, p)), NONE, NONE,
                    NONE, time);
        };
    }

    private static InformationObject measured(int address, double value, int quality, int qualifier, int select,
                                              Cp56Time time) {
        return new InformationObject(address, NONE, value, number(value), quality, qualifier, select, time);
    }

    /** A value as text: integers without a fraction, others with up to 7 significant digits (a float's precision). */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(7)).stripTrailingZeros()
                .toPlainString();
    }

    private static String doublePoint(int dpi) {
        return switch (dpi) {
            case 1 -> "off";
            case 2 -> "on";
            case 0 -> "intermediate";
            default -> "indeterminate";
        };
    }

    private static String doubleCommand(int dcs) {
        return switch (dcs) {
            case 1 -> "off";
            case 2 -> "on";
            default -> "not_permitted";
        };
    }

    private static String regulatingStep(int rcs) {
        return switch (rcs) {
            case 1 -> "lower";
            case 2 -> "higher";
            default -> "not_permitted";
        };
    }

    private static String initialization(int coi) {
        return switch (coi) {
            case 0 -> "local_power_on";
            case 1 -> "local_manual_reset";
            case 2 -> "remote_reset";
            default -> Integer.toString(coi);
        };
    }

    private static double normalized(byte[] b, int p) {
        return s16(b, p) / 32768.0;
    }

    private static int s16(byte[] b, int p) {
        return (short) ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8);
    }

    private static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int p) {
        return ((b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24);
    }
}
