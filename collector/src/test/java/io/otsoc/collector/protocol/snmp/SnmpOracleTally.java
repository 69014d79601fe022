package io.otsoc.collector.protocol.snmp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches the records of one oracle file with what our pipeline produced: each record has a key (connection,
 * direction, request id: which of our items it can only be about) and fields compared as text ({@code -} for
 * absent). A record matches an item of its key with every field equal; otherwise it is mismatched against the
 * first free item of its key, or missing. Our items left over are extra. Exact matches are paired first.
 */
final class SnmpOracleTally {

    record Expected(String key, Map<String, String> fields, String where) {
    }

    record Ours(String key, Map<String, String> fields, String what) {
    }

    final String oracle;
    int records;
    int matched;
    int mismatched;
    int extra;
    final List<String> differences = new ArrayList<>();

    SnmpOracleTally(String oracle) {
        this.oracle = oracle;
    }

    static SnmpOracleTally compare(String oracle, List<Expected> expected, List<Ours> ours) {
        SnmpOracleTally t = new SnmpOracleTally(oracle);
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < ours.size(); i++) {
            byKey.computeIfAbsent(ours.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        boolean[] used = new boolean[ours.size()];
        boolean[] done = new boolean[expected.size()];
        for (int r = 0; r < expected.size(); r++) {
            Expected e = expected.get(r);
            t.records++;
            for (int i : byKey.getOrDefault(e.key(), List.of())) {
                if (!used[i] && differences(e, ours.get(i)).isEmpty()) {
                    used[i] = true;
                    done[r] = true;
                    t.matched++;
                    break;
                }
            }
        }
        for (int r = 0; r < expected.size(); r++) {
            if (done[r]) {
                continue;
            }
            Expected e = expected.get(r);
            t.mismatched++;
            Integer candidate = null;
            for (int i : byKey.getOrDefault(e.key(), List.of())) {
                if (!used[i]) {
                    candidate = i;
                    break;
                }
            }
            if (candidate == null) {
                t.differences.add("missing " + e.key() + " " + e.fields() + " (" + e.where() + ")");
            } else {
                used[candidate] = true;
                t.differences.add("mismatch " + e.key() + " (" + e.where() + "): "
                        + String.join(", ", differences(e, ours.get(candidate))));
            }
        }
        for (int i = 0; i < ours.size(); i++) {
            if (!used[i]) {
                t.extra++;
                t.differences.add("extra " + ours.get(i).key() + " " + ours.get(i).what());
            }
        }
        return t;
    }

    private static List<String> differences(Expected e, Ours o) {
        List<String> out = new ArrayList<>();
        e.fields().forEach((field, value) -> {
            String ourValue = o.fields().getOrDefault(field, "-");
            if (!value.equals(ourValue)) {
                out.add(field + " oracle [" + value + "] ours [" + ourValue + "]");
            }
        });
        return out;
    }

    /** Matched records over all records plus our extra items: both a miss and an extra count against us. */
    double agreement() {
        int total = records + extra;
        return total == 0 ? 1.0 : (double) matched / total;
    }

    static String header() {
        return String.format(Locale.ROOT, "%-72s %8s %8s %11s %6s %10s", "oracle file", "records", "matched",
                "mismatched", "extra", "agreement");
    }

    String row() {
        return String.format(Locale.ROOT, "%-72s %8d %8d %11d %6d %9.2f%%", oracle, records, matched, mismatched,
                extra, 100 * agreement());
    }
}
