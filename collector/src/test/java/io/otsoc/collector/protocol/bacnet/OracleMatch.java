package io.otsoc.collector.protocol.bacnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Matches oracle records with ours record by record: a record is its identity (who sent it, which transaction:
 * compared loosely) and its fields (compared exactly). Equal records are matched; records of the same identity
 * left on both sides are paired as mismatched (their first differing fields are kept as samples); what remains is
 * missing (oracle only) or extra (ours only).
 */
final class OracleMatch {

    /** One record: identity and fields; a field equal to {@link #ANY} in the oracle matches any value of ours. */
    record Rec(String identity, List<String> fields) {
        String key() {
            return identity + " | " + String.join(" | ", fields);
        }
    }

    static final String ANY = "\u0000any";
    /** A field of ours that differs from the oracle for a reason argued where it is made; it matches any value. */
    static final String ARGUED = "\u0001argued:";

    int records;
    int matched;
    int argued;
    int mismatched;
    int missing;
    int extra;
    final List<String> samples = new ArrayList<>();

    static OracleMatch compare(List<Rec> oracle, List<Rec> ours) {
        return compare(oracle, ours, (a, b) -> false);
    }

    /**
     * @param argued which (oracle, ours) field values differ for a reason the caller argues; a record that differs
     *               only by such fields counts as argued
     */
    static OracleMatch compare(List<Rec> oracle, List<Rec> ours, BiPredicate<String, String> argued) {
        OracleMatch m = new OracleMatch();
        m.records = oracle.size();
        Map<String, List<Rec>> byKey = new HashMap<>();
        for (Rec r : ours) {
            byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        }
        List<Rec> leftOracle = new ArrayList<>();
        for (Rec o : oracle) {
            List<Rec> same = byKey.get(o.key());
            if (same != null && !same.isEmpty()) {
                same.remove(same.size() - 1);
                m.matched++;
            } else {
                leftOracle.add(o);
            }
        }
        Map<String, List<Rec>> leftOurs = new LinkedHashMap<>();
        byKey.values().forEach(l -> l.forEach(r -> leftOurs.computeIfAbsent(r.identity(), k -> new ArrayList<>()).add(r)));
        for (Rec o : leftOracle) {
            List<Rec> candidates = leftOurs.get(o.identity());
            if (candidates == null || candidates.isEmpty()) {
                m.missing++;
                m.sample("missing " + o.key());
                continue;
            }
            Rec best = null;
            for (Rec c : candidates) {
                if (wildcardEquals(o, c, argued)) {
                    best = c;
                    break;
                }
            }
            if (best != null) {
                candidates.remove(best);
                if (!exactEquals(o, best)) {
                    m.argued++;
                    m.sample("argued " + o.key() + "  ours " + String.join(" | ", best.fields()));
                } else {
                    m.matched++;
                }
                continue;
            }
            Rec c = candidates.remove(0);
            m.mismatched++;
            m.sample("mismatch " + o.key() + "  ours " + String.join(" | ", c.fields()));
        }
        for (List<Rec> l : leftOurs.values()) {
            for (Rec r : l) {
                m.extra++;
                m.sample("extra " + r.key());
            }
        }
        return m;
    }

    private static boolean exactEquals(Rec o, Rec c) {
        for (int i = 0; i < o.fields().size(); i++) {
            String a = o.fields().get(i);
            if (!a.equals(ANY) && !a.equals(c.fields().get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean wildcardEquals(Rec o, Rec c, BiPredicate<String, String> argued) {
        if (o.fields().size() != c.fields().size()) {
            return false;
        }
        for (int i = 0; i < o.fields().size(); i++) {
            String a = o.fields().get(i);
            String b = c.fields().get(i);
            if (!a.equals(ANY) && !b.startsWith(ARGUED) && !a.equals(b) && !argued.test(a, b)) {
                return false;
            }
        }
        return true;
    }

    private final Map<String, Integer> perKind = new HashMap<>();

    private void sample(String s) {
        String kind = s.substring(0, s.indexOf(' '));
        if (perKind.merge(kind, 1, Integer::sum) <= 12) {
            samples.add(s);
        }
    }

    double agreement() {
        return (double) (matched + argued) / (records + extra);
    }

    String row(String name) {
        return String.format(Locale.ROOT, "%-52s %5d records %5d matched %3d argued %4d mismatched %4d missing %4d extra  %.4f",
                name, records, matched, argued, mismatched, missing, extra, agreement());
    }
}
