package io.otsoc.collector.protocol.dhcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code checks:} of a suricata-verify {@code test.yaml}, as far as this test needs them: each
 * {@code - filter:} with its {@code count} and the flat {@code match:} pairs (quotes removed, JSON escapes such as
 * {@code \u0000} decoded). Filters with their own {@code requires:} are kept with {@link Check#conditional} set.
 */
record SuricataChecks(List<Check> checks) {

    record Check(int count, Map<String, String> match, boolean conditional) {
    }

    static SuricataChecks read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Check> checks = new ArrayList<>();
        Map<String, String> match = null;
        int count = -1;
        boolean conditional = false;
        boolean inMatch = false;
        int matchIndent = 0;
        for (String raw : lines) {
            String line = raw.replaceAll("\\s+#.*$", "");
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String t = line.trim();
            if (t.equals("- filter:")) {
                if (match != null) {
                    checks.add(new Check(count, match, conditional));
                }
                match = new LinkedHashMap<>();
                count = -1;
                conditional = false;
                inMatch = false;
                continue;
            }
            if (match == null) {
                continue;
            }
            if (inMatch && indent <= matchIndent) {
                inMatch = false;
            }
            if (t.equals("match:")) {
                inMatch = true;
                matchIndent = indent;
            } else if (t.equals("requires:")) {
                conditional = true;
            } else if (t.startsWith("count:")) {
                count = Integer.parseInt(t.substring(6).trim());
            } else if (inMatch && t.contains(":")) {
                int colon = t.indexOf(": ");
                String key = colon < 0 ? t.substring(0, t.length() - 1) : t.substring(0, colon);
                String value = colon < 0 ? "" : t.substring(colon + 2).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = unescape(value.substring(1, value.length() - 1));
                }
                match.put(key, value);
            } else if (t.startsWith("- stats:") || t.startsWith("- shell:")) {
                checks.add(new Check(count, match, conditional));
                match = null;
            }
        }
        if (match != null) {
            checks.add(new Check(count, match, conditional));
        }
        return new SuricataChecks(checks);
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 5 < s.length() + 0 && s.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
