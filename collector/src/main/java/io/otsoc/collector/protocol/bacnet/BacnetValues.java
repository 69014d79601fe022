package io.otsoc.collector.protocol.bacnet;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders one primitive BACnet value (clause 20.2) as text: reals with six decimals, booleans as true/false,
 * bit strings as T/F per bit, dates as m/d/yyyy, times as h:m:s.hundredths (unpadded, as ICSNPP writes them), object identifiers as {@code type: instance},
 * character strings decoded (UTF-8 or ISO 8859-1), octet strings in hex. Enumerated values of a few well-known
 * properties are named (object-type, event-state, reliability, units, segmentation-supported, system-status).
 */
final class BacnetValues {

    /** Longest text kept for one value. */
    static final int MAX_TEXT = 256;

    static final int PROP_EVENT_STATE = 36;
    static final int PROP_OBJECT_TYPE = 79;
    static final int PROP_RELIABILITY = 103;
    static final int PROP_SEGMENTATION_SUPPORTED = 107;
    static final int PROP_SYSTEM_STATUS = 112;
    static final int PROP_UNITS = 117;

    private static final String[] EVENT_STATES = {"normal", "fault", "offnormal", "high-limit", "low-limit",
            "life-safety-alarm"};
    private static final String[] RELIABILITY = {"no-fault-detected", "no-sensor", "over-range", "under-range",
            "open-loop", "shorted-loop", "no-output", "unreliable-other", "process-error", "multi-state-fault",
            "configuration-error", "member-fault", "communication-failure", "tripped"};
    static final String[] SEGMENTATION = {"segmented-both", "segmented-transmit", "segmented-receive",
            "no-segmentation"};
    private static final String[] SYSTEM_STATUS = {"operational", "operational-read-only", "download-required",
            "download-in-progress", "non-operational", "backup-in-progress"};
    /** BACnetEngineeringUnits most met in building automation. */
    private static final Map<Integer, String> UNITS = BacnetNames.parse("""
            0\tsquare-meters
            1\tsquare-feet
            2\tmilliamperes
            3\tamperes
            4\tohms
            5\tvolts
            6\tkilovolts
            7\tmegavolts
            8\tvolt-amperes
            9\tkilovolt-amperes
            10\tmegavolt-amperes
            11\tvolt-amperes-reactive
            12\tkilovolt-amperes-reactive
            13\tmegavolt-amperes-reactive
            14\tdegrees-phase
            15\tpower-factor
            16\tjoules
            17\tkilojoules
            18\twatt-hours
            19\tkilowatt-hours
            20\tbtus
            21\ttherms
            22\tton-hours
            23\tjoules-per-kilogram-dry-air
            24\tbtus-per-pound-dry-air
            25\tcycles-per-hour
            26\tcycles-per-minute
            27\thertz
            28\tgrams-of-water-per-kilogram-dry-air
            29\tpercent-relative-humidity
            30\tmillimeters
            31\tmeters
            32\tinches
            33\tfeet
            34\twatts-per-square-foot
            35\twatts-per-square-meter
            36\tlumens
            37\tluxes
            38\tfoot-candles
            39\tkilograms
            40\tpounds-mass
            41\ttons
            42\tkilograms-per-second
            43\tkilograms-per-minute
            44\tkilograms-per-hour
            45\tpounds-mass-per-minute
            46\tpounds-mass-per-hour
            47\twatts
            48\tkilowatts
            49\tmegawatts
            50\tbtus-per-hour
            51\thorsepower
            52\ttons-refrigeration
            53\tpascals
            54\tkilopascals
            55\tbars
            56\tpounds-force-per-square-inch
            57\tcentimeters-of-water
            58\tinches-of-water
            59\tmillimeters-of-mercury
            60\tcentimeters-of-mercury
            61\tinches-of-mercury
            62\tdegrees-celsius
            63\tdegrees-kelvin
            64\tdegrees-fahrenheit
            65\tdegree-days-celsius
            66\tdegree-days-fahrenheit
            67\tyears
            68\tmonths
            69\tweeks
            70\tdays
            71\thours
            72\tminutes
            73\tseconds
            74\tmeters-per-second
            75\tkilometers-per-hour
            76\tfeet-per-second
            77\tfeet-per-minute
            78\tmiles-per-hour
            79\tcubic-feet
            80\tcubic-meters
            81\timperial-gallons
            82\tliters
            83\tus-gallons
            84\tcubic-feet-per-minute
            85\tcubic-meters-per-second
            86\timperial-gallons-per-minute
            87\tliters-per-second
            88\tliters-per-minute
            89\tus-gallons-per-minute
            90\tdegrees-angular
            91\tdegrees-celsius-per-hour
            92\tdegrees-celsius-per-minute
            93\tdegrees-fahrenheit-per-hour
            94\tdegrees-fahrenheit-per-minute
            95\tno-units
            96\tparts-per-million
            97\tparts-per-billion
            98\tpercent
            99\tpercent-per-second
            100\tper-minute
            101\tper-second
            102\tpsi-per-degree-fahrenheit
            103\tradians
            104\trevolutions-per-minute
            """);

    private BacnetValues() {
    }

    /** The current tag of {@code r} as text; a context tag's content as an unsigned number or hex. */
    static String format(byte[] buf, TagReader r) {
        int off = r.valueOffset();
        int len = r.length();
        if (r.isContext()) {
            return len <= 4 ? Long.toString(r.unsignedValue()) : hex(buf, off, len);
        }
        return switch (r.number()) {
            case TagReader.NULL -> "null";
            case TagReader.BOOLEAN -> r.booleanValue() ? "true" : "false";
            case TagReader.UNSIGNED, TagReader.ENUMERATED -> Long.toString(r.unsignedValue());
            case TagReader.SIGNED -> Long.toString(r.signedValue());
            case TagReader.REAL -> len == 4 ? decimal(Float.intBitsToFloat((int) r.unsignedValue()))
                    : hex(buf, off, len);
            case TagReader.DOUBLE -> len == 8 ? decimal(Double.longBitsToDouble(r.unsignedValue()))
                    : hex(buf, off, len);
            case TagReader.OCTET_STRING -> hex(buf, off, len);
            case TagReader.CHARACTER_STRING -> characterString(buf, off, len);
            case TagReader.BIT_STRING -> bitString(buf, off, len);
            case TagReader.DATE -> len == 4 ? date(buf, off) : hex(buf, off, len);
            case TagReader.TIME -> len == 4 ? time(buf, off) : hex(buf, off, len);
            case TagReader.OBJECT_IDENTIFIER -> len == 4 ? objectId(r.unsignedValue()) : hex(buf, off, len);
            default -> hex(buf, off, len);
        };
    }

    /** An enumerated value of property {@code property} named where this class knows the enumeration. */
    static String enumerated(long property, long value) {
        int v = (int) Math.min(value, Integer.MAX_VALUE);
        String name = switch ((int) Math.min(property, Integer.MAX_VALUE)) {
            case PROP_OBJECT_TYPE -> BacnetNames.objectType(v);
            case PROP_EVENT_STATE -> v < EVENT_STATES.length ? EVENT_STATES[v] : null;
            case PROP_RELIABILITY -> v < RELIABILITY.length ? RELIABILITY[v] : null;
            case PROP_SEGMENTATION_SUPPORTED -> v < SEGMENTATION.length ? SEGMENTATION[v] : null;
            case PROP_SYSTEM_STATUS -> v < SYSTEM_STATUS.length ? SYSTEM_STATUS[v] : null;
            case PROP_UNITS -> UNITS.get(v);
            default -> null;
        };
        return name != null ? name : Long.toString(value);
    }

    /** Six decimals of the exact binary value, ties to even (as C's printf rounds 119.9765625 to 119.976562). */
    static String decimal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        return new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String objectId(long id) {
        return BacnetNames.objectType((int) (id >>> 22) & 0x3FF) + ": " + (id & 0x3FFFFF);
    }

    static String characterString(byte[] buf, int off, int len) {
        if (len == 0) {
            return "";
        }
        int charset = buf[off] & 0xFF;
        int n = Math.min(len - 1, MAX_TEXT * 4);
        String s = switch (charset) {
            case 0 -> new String(buf, off + 1, n, StandardCharsets.UTF_8);
            case 1 -> n >= 2 ? new String(buf, off + 3, n - 2, codePage(((buf[off + 1] & 0xFF) << 8)
                    | (buf[off + 2] & 0xFF))) : "";
            case 3 -> new String(buf, off + 1, n & ~3, Charset.forName("UTF-32BE"));
            case 4 -> new String(buf, off + 1, n & ~1, StandardCharsets.UTF_16BE);
            default -> new String(buf, off + 1, n, StandardCharsets.ISO_8859_1);
        };
        return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) : s;
    }

    /** IBM/Microsoft DBCS (character set 1) names its code page; 932 (Japanese) is the one met in practice. */
    private static Charset codePage(int page) {
        try {
            return page == 932 ? Charset.forName("windows-31j") : Charset.forName("Cp" + page);
        } catch (RuntimeException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    static String bitString(byte[] buf, int off, int len) {
        if (len == 0) {
            return "";
        }
        int unused = buf[off] & 0x07;
        int bits = Math.min((len - 1) * 8 - unused, MAX_TEXT);
        StringBuilder sb = new StringBuilder(Math.max(bits, 0));
        for (int i = 0; i < bits; i++) {
            sb.append((buf[off + 1 + i / 8] & (0x80 >>> (i % 8))) != 0 ? 'T' : 'F');
        }
        return sb.toString();
    }

    static String date(byte[] buf, int off) {
        int year = buf[off] & 0xFF;
        int month = buf[off + 1] & 0xFF;
        int day = buf[off + 2] & 0xFF;
        return (month == 255 ? "*" : Integer.toString(month)) + "/" + (day == 255 ? "*" : Integer.toString(day))
                + "/" + (year == 255 ? "*" : Integer.toString(1900 + year));
    }

    static String time(byte[] buf, int off) {
        int h = buf[off] & 0xFF;
        int m = buf[off + 1] & 0xFF;
        int s = buf[off + 2] & 0xFF;
        int hs = buf[off + 3] & 0xFF;
        return (h == 255 ? "*" : Integer.toString(h)) + ":" + (m == 255 ? "*" : Integer.toString(m)) + ":"
                + (s == 255 ? "*" : Integer.toString(s)) + "." + (hs == 255 ? "*" : Integer.toString(hs));
    }

    static String hex(byte[] buf, int off, int len) {
        int n = Math.min(len, MAX_TEXT / 2);
        StringBuilder sb = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit((buf[off + i] >>> 4) & 0xF, 16)).append(Character.forDigit(buf[off + i] & 0xF, 16));
        }
        return sb.toString();
    }
}
