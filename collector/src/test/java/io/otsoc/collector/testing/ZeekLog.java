package io.otsoc.collector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Zeek and ICSNPP oracle files kept beside the shared captures ({@code ../shared/pcaps}, see its README,
 * "How to read the oracles"):
 * <ul>
 *   <li>Zeek TSV logs: the btest header line is skipped, {@code #separator}, {@code #set_separator},
 *       {@code #empty_field}, {@code #unset_field}, {@code #path}, {@code #fields} and {@code #types} are honoured;
 *       logs that a test cut with {@code zeek-cut -n} have no header lines at all and are read with the column names
 *       the caller gives.</li>
 *   <li>Event-print outputs ({@code output}): one line per event, {@code event_name, arg, arg...}, optionally
 *       prefixed by the count that {@code sort | uniq -c} added; arguments are split at top-level commas, so
 *       Zeek records ({@code [k=v, ...]}) and vectors stay whole.</li>
 * </ul>
 * Values are returned as Zeek wrote them, with {@code \xNN} escapes decoded.
 */
public final class ZeekLog {

    /**
     * Columns of ICSNPP's {@code modbus.log} as the icsnpp-modbus {@code basic} test cut it: the log record
     * (ts, uid, id, tid, unit, func, pdu_type, exception) without {@code tid}, {@code unit} and {@code pdu_type}.
     */
    public static final List<String> ICSNPP_MODBUS_LOG_CUT = List.of(
            "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "func", "exception");

    private static final String BTEST_HEADER = "### BTest baseline data";
    private static final Pattern HEX_ESCAPE = Pattern.compile("\\\\x([0-9a-fA-F]{2})");
    private static final Pattern COUNT_PREFIX = Pattern.compile("^\\s*(\\d+) (.*)$");

    private final Path file;
    private final String path;
    private final List<String> fields;
    private final List<String> types;
    private final String setSeparator;
    private final String emptyField;
    private final String unsetField;
    private final List<Row> rows;

    private ZeekLog(Path file, String path, List<String> fields, List<String> types, String setSeparator,
                    String emptyField, String unsetField, List<Row> rows) {
        this.file = file;
        this.path = path;
        this.fields = List.copyOf(fields);
        this.types = List.copyOf(types);
        this.setSeparator = setSeparator;
        this.emptyField = emptyField;
        this.unsetField = unsetField;
        this.rows = Collections.unmodifiableList(rows);
    }

    /** A log with its {@code #fields} header. */
    public static ZeekLog read(Path file) {
        return read(file, null);
    }

    /**
     * A log; {@code columns} name the fields of a log cut without headers. When the log has a {@code #fields} header
     * as well, the two must agree.
     */
    public static ZeekLog read(Path file, List<String> columns) {
        List<String> lines = lines(file);
        String separator = "\t";
        String setSeparator = ",";
        String emptyField = "(empty)";
        String unsetField = "-";
        String path = null;
        List<String> fields = null;
        List<String> types = List.of();
        List<String[]> data = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith(BTEST_HEADER) || line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] directive = line.split(Pattern.quote(line.startsWith("#separator") ? " " : separator), 2);
                String value = directive.length > 1 ? directive[1] : "";
                switch (directive[0]) {
                    case "#separator" -> separator = unescape(value);
                    case "#set_separator" -> setSeparator = value;
                    case "#empty_field" -> emptyField = value;
                    case "#unset_field" -> unsetField = value;
                    case "#path" -> path = value;
                    case "#fields" -> fields = List.of(value.split(Pattern.quote(separator), -1));
                    case "#types" -> types = List.of(value.split(Pattern.quote(separator), -1));
                    default -> { } // #open, #close: masked times
                }
                continue;
            }
            data.add(line.split(Pattern.quote(separator), -1));
            lineNumbers.add(n + 1);
        }
        if (fields == null && columns == null) {
            throw new IllegalArgumentException(file + ": no #fields header; give the column names of this cut log");
        }
        if (fields != null && columns != null && !fields.equals(columns)) {
            throw new IllegalArgumentException(file + ": #fields " + fields + " differ from the given columns " + columns);
        }
        List<String> names = fields != null ? fields : List.copyOf(columns);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        List<Row> rows = new ArrayList<>();
        ZeekLog log = new ZeekLog(file, path, names, types, setSeparator, emptyField, unsetField, rows);
        for (int r = 0; r < data.size(); r++) {
            String[] values = data.get(r);
            if (values.length != names.size()) {
                throw new IllegalArgumentException(file + ":" + lineNumbers.get(r) + ": " + values.length
                        + " values for " + names.size() + " fields");
            }
            rows.add(log.new Row(lineNumbers.get(r), values, index));
        }
        return log;
    }

    public Path file() {
        return file;
    }

    /** The {@code #path} (log name), or null for a cut log. */
    public String path() {
        return path;
    }

    public List<String> fields() {
        return fields;
    }

    /** The {@code #types}, or an empty list for a cut log. */
    public List<String> types() {
        return types;
    }

    public List<Row> rows() {
        return rows;
    }

    /** One log entry. */
    public final class Row {
        private final int line;
        private final String[] values;
        private final Map<String, Integer> index;

        private Row(int line, String[] values, Map<String, Integer> index) {
            this.line = line;
            this.values = values;
            this.index = index;
        }

        /** The line of the file this row came from (1-based). */
        public int line() {
            return line;
        }

        /** The value as written, escapes included; the unset and empty markers are returned as they are. */
        public String raw(String field) {
            Integer i = index.get(field);
            if (i == null) {
                throw new IllegalArgumentException(file + ": no field " + field + " (fields: " + fields + ")");
            }
            return values[i];
        }

        public boolean isSet(String field) {
            return !raw(field).equals(unsetField);
        }

        /** The text with {@code \xNN} escapes decoded, or null when unset. */
        public String text(String field) {
            return isSet(field) ? unescape(raw(field)) : null;
        }

        /** A count, port or int; throws when unset. */
        public long number(String field) {
            String value = raw(field);
            if (value.equals(unsetField)) {
                throw new IllegalStateException(file + ":" + line + ": " + field + " is unset");
            }
            int slash = value.indexOf('/'); // ports in event prints carry "/tcp"
            return Long.parseLong(slash < 0 ? value : value.substring(0, slash));
        }

        /** A bool (T/F), or null when unset. */
        public Boolean flag(String field) {
            return isSet(field) ? raw(field).equals("T") : null;
        }

        /** A set or vector: its elements (decoded), an empty list for the empty marker, null when unset. */
        public List<String> list(String field) {
            String value = raw(field);
            if (value.equals(unsetField)) {
                return null;
            }
            if (value.equals(emptyField)) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String element : value.split(Pattern.quote(setSeparator), -1)) {
                out.add(unescape(element));
            }
            return out;
        }

        /** A vector of counts, null when unset. */
        public List<Long> numbers(String field) {
            List<String> list = list(field);
            if (list == null) {
                return null;
            }
            List<Long> out = new ArrayList<>(list.size());
            for (String s : list) {
                out.add(Long.parseLong(s));
            }
            return out;
        }

        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " " + String.join(" | ", values);
        }
    }

    // ---- event prints

    /** One printed event: how many identical lines {@code uniq -c} merged (1 without it), its name and arguments. */
    public record EventPrint(int count, String name, List<String> args, int line) {

        /** Argument {@code i} parsed as a Zeek record ({@code [k=v, ...]}) into its fields, in order. */
        public Map<String, String> record(int i) {
            return parseRecord(args.get(i));
        }
    }

    /** The connection id Zeek prints as {@code [orig_h=..., orig_p=.../tcp, resp_h=..., resp_p=.../tcp, proto=6, ...]}. */
    public record ConnId(String origH, int origP, String respH, int respP) {

        static ConnId of(Map<String, String> r) {
            return new ConnId(r.get("orig_h"), port(r.get("orig_p")), r.get("resp_h"), port(r.get("resp_p")));
        }

        private static int port(String value) {
            int slash = value.indexOf('/');
            return Integer.parseInt(slash < 0 ? value : value.substring(0, slash));
        }
    }

    /**
     * Zeek's {@code modbus_message(c, headers, is_orig)}: one Modbus/TCP ADU, with its MBAP header (transaction id,
     * protocol id, unit id, function code as on the wire, MBAP length) and whether the connection's originator
     * (the client) sent it.
     */
    public record ModbusMessage(int count, ConnId conn, int tid, int pid, int uid, int functionCode, int len,
                                boolean isOrig) {
    }

    /** Every event line of an event-print output file. */
    public static List<EventPrint> readEvents(Path file) {
        List<String> lines = lines(file);
        List<EventPrint> events = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.startsWith(BTEST_HEADER) || line.isBlank()) {
                continue;
            }
            int count = 1;
            Matcher m = COUNT_PREFIX.matcher(line);
            if (m.matches()) {
                count = Integer.parseInt(m.group(1));
                line = m.group(2);
            }
            List<String> parts = splitTopLevel(line);
            events.add(new EventPrint(count, parts.get(0), List.copyOf(parts.subList(1, parts.size())), n + 1));
        }
        return events;
    }

    /** The {@code modbus_message} lines of an event-print output file. */
    public static List<ModbusMessage> readModbusMessages(Path file) {
        List<ModbusMessage> out = new ArrayList<>();
        for (EventPrint e : readEvents(file)) {
            if (!e.name().equals("modbus_message")) {
                continue;
            }
            if (e.args().size() != 3) {
                throw new IllegalArgumentException(file + ":" + e.line() + ": modbus_message has " + e.args().size()
                        + " arguments, expected [conn], [headers], is_orig");
            }
            Map<String, String> h = e.record(1);
            out.add(new ModbusMessage(e.count(), ConnId.of(e.record(0)),
                    Integer.parseInt(h.get("tid")), Integer.parseInt(h.get("pid")), Integer.parseInt(h.get("uid")),
                    Integer.parseInt(h.get("function_code")), Integer.parseInt(h.get("len")),
                    e.args().get(2).equals("T")));
        }
        return out;
    }

    /** {@code [k=v, k=[...], ...]} into an ordered map of the top-level fields. */
    static Map<String, String> parseRecord(String text) {
        String s = text.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new IllegalArgumentException("not a Zeek record: " + text);
        }
        Map<String, String> out = new LinkedHashMap<>();
        String body = s.substring(1, s.length() - 1);
        if (body.isBlank()) {
            return out;
        }
        for (String part : splitTopLevel(body)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("record field without '=': " + part + " in " + text);
            }
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }

    /** Splits at ", " outside brackets. */
    static List<String> splitTopLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(s.substring(start).strip());
        return parts;
    }

    /** Decodes Zeek's {@code \xNN} escapes (bytes as ISO-8859-1 characters). */
    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        Matcher m = HEX_ESCAPE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Zeek oracle " + file, e);
        }
    }
}
