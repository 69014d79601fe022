package io.otsoc.collector.protocol.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code checks:} of a suricata-verify {@code test.yaml}: a list of {@code - filter:} items, each with a
 * {@code count} and a {@code match} map of flat eve keys to scalar values or flow lists ({@code [0, 0]},
 * {@code [ {topic: topicX, qos: 0} ]}). Just the subset of YAML these files use: values are kept as text with
 * quotes removed and, for lists, spaces removed.
 */
final class SuricataChecks {

    record Check(int count, Map<String, String> match, int line) {
        String eventType() {
            return match.getOrDefault("event_type", "");
        }
    }

    private SuricataChecks() {
    }

    static List<Check> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Check> checks = new ArrayList<>();
        boolean inChecks = false;
        boolean inMatch = false;
        int count = 1;
        Map<String, String> match = null;
        int start = 0;
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean topLevel = !raw.startsWith(" ") && !raw.startsWith("-");
            if (topLevel) {
                inChecks = line.equals("checks:");
                inMatch = false;
                continue;
            }
            if (!inChecks) {
                continue;
            }
            if (line.startsWith("- filter:")) {
                if (match != null) {
                    checks.add(new Check(count, match, start));
                }
                match = new LinkedHashMap<>();
                count = 1;
                inMatch = false;
                start = n + 1;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0 || match == null) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("count") && !inMatch) {
                count = Integer.parseInt(value);
            } else if (key.equals("match")) {
                inMatch = true;
            } else if (inMatch) {
                match.put(key, normalise(value));
            }
        }
        if (match != null) {
            checks.add(new Check(count, match, start));
        }
        return checks;
    }

    static String normalise(String v) {
        int hash = v.indexOf(" #");
        if (hash >= 0 && !v.startsWith("\"")) {
            v = v.substring(0, hash).strip();
        }
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        if (v.startsWith("[")) {
            return v.replace(" ", "").replace("\"", "");
        }
        return v;
    }
}
