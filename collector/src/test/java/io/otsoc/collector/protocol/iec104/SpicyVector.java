package io.otsoc.collector.protocol.iec104;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A zeek-iec104 (spicy-iec104) analyzer test vector: hex octets on the left of {@code ;}, the analyzer's decoded
 * fields on the right ({@code key=value}, e.g. {@code type_id=TypeID::C_RC_NA_1}, {@code ssn=6}, {@code r32=171.3}),
 * {@code ;;} lines being comments. Each {@code len=} field starts a new APDU's record. Also renders our decode in the
 * same keys so that the two can be compared field by field.
 */
record SpicyVector(byte[] octets, List<Map<String, Integer>> records, Long timestampMicros) {

    private static final Pattern FIELD = Pattern.compile("([a-z_0-9]+)=(\\S+)");
    private static final Pattern TS = Pattern.compile("ts:(\\d+)\\.(\\d{6})");

    static SpicyVector read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder hex = new StringBuilder();
        List<Map<String, Integer>> records = new ArrayList<>();
        Long ts = null;
        for (String line : lines) {
            if (line.startsWith(";;")) {
                Matcher m = TS.matcher(line);
                if (m.find()) {
                    ts = Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(m.group(2));
                }
                continue;
            }
            int semi = line.indexOf(';');
            hex.append((semi < 0 ? line : line.substring(0, semi)).replaceAll("\\s", ""));
            if (semi < 0) {
                continue;
            }
            Matcher m = FIELD.matcher(line.substring(semi + 1));
            while (m.find()) {
                if (m.group(1).equals("len")) {
                    records.add(new HashMap<>());
                }
                records.get(records.size() - 1).merge(field(m.group(1), m.group(2)), 1, Integer::sum);
            }
        }
        byte[] octets = new byte[hex.length() / 2];
        for (int i = 0; i < octets.length; i++) {
            octets[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new SpicyVector(octets, records, ts);
    }

    /** One field as compared: enum prefixes dropped, names lower-cased, floats to six significant digits. */
    static String field(String key, String value) {
        String v = value;
        if (v.startsWith("TypeID::") || v.startsWith("CoT::")) {
            v = v.substring(v.indexOf("::") + 2).toLowerCase(Locale.ROOT);
        }
        if (key.equals("r32")) {
            v = sixDigits(Double.parseDouble(v));
        }
        return key + "=" + v;
    }

    static String sixDigits(double value) {
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Spicy-iec104's CoT enumeration names (lower-cased) for the causes of IEC 60870-5-101 section 7.2.3. */
    static String cotName(int cot) {
        return switch (cot) {
            case 1 -> "per_cyc";
            case 2 -> "back";
            case 3 -> "spont";
            case 4 -> "init";
            case 5 -> "req";
            case 6 -> "act";
            case 7 -> "actcon";
            case 8 -> "deact";
            case 9 -> "deactcon";
            case 10 -> "actterm";
            case 11 -> "retrem";
            case 12 -> "retloc";
            case 13 -> "file";
            case 20 -> "inrogen";
            default -> Integer.toString(cot);
        };
    }

    /**
     * Our decode of one APDU in spicy's keys and order of fields: length, control field, data unit identifier,
     * then per object its address (SQ: one base address) and its element's fields, and the first octet after the
     * last object as {@code raw_data}.
     */
    static Map<String, Integer> render(char format, int length, int ssn, int rsn, int typeId, boolean sq, int count,
                                       int cot, boolean negative, boolean test, int originator, int commonAddress,
                                       List<InformationObject> objects, Integer trailing) {
        Map<String, Integer> out = new HashMap<>();
        add(out, "len", length);
        if (format == 'I') {
            add(out, "tag", 0);
            add(out, "ssn", ssn);
            add(out, "rsn", rsn);
        } else if (format == 'S') {
            add(out, "tag", 1);
            add(out, "rsn", rsn);
        }
        if (format != 'I') {
            return out;
        }
        AsduType type = AsduType.of(typeId);
        out.merge("type_id=" + (type == null ? Integer.toString(typeId) : type.name().toLowerCase(Locale.ROOT)), 1,
                Integer::sum);
        add(out, "nobj", count);
        add(out, "sq", sq ? 1 : 0);
        out.merge("cot=" + cotName(cot), 1, Integer::sum);
        add(out, "pn", negative ? 1 : 0);
        add(out, "test", test ? 1 : 0);
        add(out, "originator_address", originator);
        add(out, "common_address", commonAddress);
        for (int i = 0; i < objects.size(); i++) {
            InformationObject o = objects.get(i);
            if (!sq) {
                add(out, "obj_addr", o.address());
            } else if (i == 0) {
                add(out, "base_addr", o.address());
            }
            element(out, type, o);
        }
        if (trailing != null) {
            add(out, "raw_data", trailing);
        }
        return out;
    }

    private static void element(Map<String, Integer> out, AsduType type, InformationObject o) {
        int q = o.quality();
        switch (type.element) {
            case SIQ -> {
                add(out, "spi", (int) o.state());
                statusBits(out, q);
            }
            case DIQ -> {
                add(out, "dpi", (int) o.state());
                statusBits(out, q);
            }
            case SVA_QDS -> {
                add(out, "sva", (int) o.value());
                add(out, "ov", q & 1);
                statusBits(out, q);
            }
            case R32_QDS -> {
                out.merge("r32=" + sixDigits(o.value()), 1, Integer::sum);
                add(out, "ov", q & 1);
                statusBits(out, q);
            }
            case SCO -> command(out, "scs", o);
            case DCO -> command(out, "dcs", o);
            case RCO -> command(out, "rcs", o);
            case SVA_QOS -> {
                add(out, "sva", (int) o.value());
                add(out, "ql", o.qualifier());
                add(out, "se", o.select());
            }
            case R32_QOS -> {
                out.merge("r32=" + sixDigits(o.value()), 1, Integer::sum);
                add(out, "ql", o.qualifier());
                add(out, "se", o.select());
            }
            case COI -> {
                add(out, "coi", (int) o.state());
                add(out, "lpc", o.qualifier());
            }
            default -> { }
        }
        Cp56Time t = o.time();
        if (t != null) {
            add(out, "ms", t.milliseconds());
            add(out, "minute", t.minute());
            add(out, "iv", t.invalid() ? 1 : 0);
            add(out, "hour", t.hour());
            add(out, "su", t.summerTime() ? 1 : 0);
            add(out, "day", t.dayOfMonth());
            add(out, "dow", t.dayOfWeek());
            add(out, "month", t.month());
            add(out, "year", t.year());
        }
    }

    private static void command(Map<String, Integer> out, String state, InformationObject o) {
        add(out, state, (int) o.state());
        add(out, "qu", o.qualifier());
        add(out, "se", o.select());
    }

    private static void statusBits(Map<String, Integer> out, int q) {
        add(out, "bl", (q >> 4) & 1);
        add(out, "sb", (q >> 5) & 1);
        add(out, "nt", (q >> 6) & 1);
        add(out, "iv", (q >> 7) & 1);
    }

    private static void add(Map<String, Integer> out, String key, long value) {
        out.merge(key + "=" + value, 1, Integer::sum);
    }
}
