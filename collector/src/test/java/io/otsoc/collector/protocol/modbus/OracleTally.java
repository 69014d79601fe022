package io.otsoc.collector.protocol.modbus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Matches the records of one oracle file with what our pipeline produced and counts the outcome.
 *
 * <p>Both sides are reduced to the same vocabulary first: a key that says which of our items a record can only be
 * about (connection, transaction id, unit id, message direction, as far as the oracle has them) and the fields to
 * compare, as text, {@code -} for absent. A record matches when an item with its key has every one of its fields
 * equal; otherwise it is mismatched (compared against the first free item with its key) or, with no such item,
 * missing (counted as mismatched). Items left over are extra. Exact matches are paired first, so that the order of
 * identical keys cannot turn a match into a mismatch.
 */
final class OracleTally {

    /** One oracle record; {@code rows} is how many lines of the file it stands for (usually 1). */
    record Expected(String key, Map<String, String> fields, int rows, String where) {
    }

    /** One of our items (a transaction, a message or a flow, whatever the oracle counts). */
    record Ours(String key, Map<String, String> fields, String what) {
    }

    final String oracle;
    int records;
    int matched;
    int mismatched;
    int extra;
    final List<String> differences = new ArrayList<>();

    private OracleTally(String oracle) {
        this.oracle = oracle;
    }

    static OracleTally compare(String oracle, List<Expected> expected, List<Ours> ours) {
        OracleTally t = new OracleTally(oracle);
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < ours.size(); i++) {
            byKey.computeIfAbsent(ours.get(i).key(), k -> new ArrayList<>()).add(i);
        }
        boolean[] used = new boolean[ours.size()];
        boolean[] done = new boolean[expected.size()];
        for (int r = 0; r < expected.size(); r++) {
            Expected e = expected.get(r);
            t.records += e.rows();
            for (int i : byKey.getOrDefault(e.key(), List.of())) {
                if (!used[i] && differences(e, ours.get(i)).isEmpty()) {
                    used[i] = true;
                    done[r] = true;
                    t.matched += e.rows();
                    break;
                }
            }
        }
        for (int r = 0; r < expected.size(); r++) {
            if (done[r]) {
                continue;
            }
            Expected e = expected.get(r);
            t.mismatched += e.rows();
            Integer candidate = null;
            for (int i : byKey.getOrDefault(e.key(), List.of())) {
                if (!used[i]) {
                    candidate = i;
                    break;
                }
            }
            if (candidate == null) {
                t.differences.add("missing " + e.key() + " " + e.fields());
            } else {
                used[candidate] = true;
                t.differences.add("mismatch " + e.key() + ": " + String.join(", ", differences(e, ours.get(candidate))));
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
                out.add(field + " oracle " + value + " ours " + ourValue);
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
