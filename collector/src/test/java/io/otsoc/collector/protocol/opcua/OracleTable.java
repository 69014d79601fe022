package io.otsoc.collector.protocol.opcua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares oracle records with ours record by record and field by field. Records are paired by an identity key
 * (connection, message type, request id...) in order of appearance; a pair agrees when every compared field does.
 */
final class OracleTable {

    record Rec(String identity, Map<String, String> fields) {
    }

    final String name;
    int oracleRecords;
    int matched;
    int mismatched;
    int extra;
    int missing;
    int fieldsCompared;
    int fieldsAgreeing;
    final List<String> problems = new ArrayList<>();

    OracleTable(String name) {
        this.name = name;
    }

    static Rec rec(String identity, String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new Rec(identity, m);
    }

    OracleTable compare(List<Rec> oracle, List<Rec> ours) {
        oracleRecords = oracle.size();
        List<Rec> left = new ArrayList<>(ours);
        for (Rec o : oracle) {
            Rec found = null;
            for (Rec r : left) {
                if (r.identity.equals(o.identity)) {
                    found = r;
                    break;
                }
            }
            if (found == null) {
                missing++;
                problems.add("missing " + o.identity + " " + o.fields);
                continue;
            }
            left.remove(found);
            boolean all = true;
            for (Map.Entry<String, String> f : o.fields.entrySet()) {
                fieldsCompared++;
                String mine = found.fields.get(f.getKey());
                if (f.getValue().equals(mine)) {
                    fieldsAgreeing++;
                } else {
                    all = false;
                    problems.add(o.identity + " " + f.getKey() + ": oracle " + f.getValue() + ", ours " + mine);
                }
            }
            if (all) {
                matched++;
            } else {
                mismatched++;
            }
        }
        extra = left.size();
        for (Rec r : left) {
            problems.add("extra " + r.identity + " " + r.fields);
        }
        return this;
    }

    double agreement() {
        int denominator = oracleRecords + extra;
        return denominator == 0 ? 1.0 : (double) matched / denominator;
    }

    void print() {
        System.out.printf("opcua oracle %-60s records %3d matched %3d mismatched %2d missing %2d extra %2d"
                        + " fields %d/%d agreement %.4f%n", name, oracleRecords, matched, mismatched, missing, extra,
                fieldsAgreeing, fieldsCompared, agreement());
        problems.stream().limit(20).forEach(p -> System.out.println("    " + p));
    }
}
