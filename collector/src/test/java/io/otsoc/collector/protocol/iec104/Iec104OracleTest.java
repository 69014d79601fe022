package io.otsoc.collector.protocol.iec104;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Field by field against the zeek-iec104 (spicy) analyzer test vectors. Under {@code vectors/} each file holds the
 * octets of one or more APDUs with the fields spicy decoded: they are cut into APDUs by our framing and decoded by
 * our parser (S-format APDUs are not events, so the parser is compared, not the event stream); the two
 * {@code iec104.pcap.spicy-iec104.*.test} files describe APDUs of {@code iec104.pcap}, compared with the events a
 * real collector run emits for that capture. Agreement per file: matched fields over oracle fields plus our extra
 * fields; it must be at least 99%.
 */
class Iec104OracleTest {

    /** Counts of one comparison. */
    static final class Tally {
        int records;
        int recordsMatched;
        int fields;
        int matched;
        int extra;
        final List<String> differences = new ArrayList<>();

        void compare(String where, Map<String, Integer> expected, Map<String, Integer> ours) {
            records++;
            int before = matched;
            int expectedFields = 0;
            Map<String, Integer> left = new HashMap<>(ours);
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                expectedFields += e.getValue();
                int have = left.getOrDefault(e.getKey(), 0);
                int m = Math.min(have, e.getValue());
                matched += m;
                left.put(e.getKey(), have - m);
                if (m < e.getValue()) {
                    differences.add(where + ": oracle " + e.getKey() + " x" + (e.getValue() - m) + " not ours");
                }
            }
            for (Map.Entry<String, Integer> e : left.entrySet()) {
                if (e.getValue() > 0) {
                    extra += e.getValue();
                    differences.add(where + ": ours " + e.getKey() + " x" + e.getValue() + " not in the oracle");
                }
            }
            fields += expectedFields;
            if (matched - before == expectedFields && left.values().stream().allMatch(v -> v == 0)) {
                recordsMatched++;
            }
        }

        double agreement() {
            return (double) matched / (fields + extra);
        }

        void print(String name) {
            System.out.printf("iec104 oracle %-40s records %2d matched %2d | fields %4d matched %4d mismatched %3d"
                    + " extra %3d | agreement %.4f%n", name, records, recordsMatched, fields, matched,
                    fields - matched, extra, agreement());
            differences.forEach(d -> System.out.println("    " + d));
        }
    }

    static List<Path> vectors() throws IOException {
        try (Stream<Path> files = Files.list(SharedFixtures.pcap("iec104/vectors"))) {
            return files.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
    }

    @Test
    void agreesWithEverySpicyVector() throws IOException {
        List<Path> files = vectors();
        assertThat(files).hasSize(8);
        for (Path file : files) {
            SpicyVector v = SpicyVector.read(file);
            Tally t = new Tally();
            int p = 0;
            int i = 0;
            List<Map<String, Integer>> ours = new ArrayList<>();
            while (p + 2 <= v.octets().length) {
                assertThat(v.octets()[p] & 0xFF).as(file + " start octet at " + p).isEqualTo(0x68);
                int total = 2 + (v.octets()[p + 1] & 0xFF);
                assertThat(p + total).as(file + " APDU at " + p).isLessThanOrEqualTo(v.octets().length);
                Apdu apdu = ApduParser.parse(v.octets(), p);
                ours.add(render(apdu, v.octets(), p));
                p += total;
            }
            assertThat(p).as(file + " octets after the last APDU").isEqualTo(v.octets().length);
            for (Map<String, Integer> expected : v.records()) {
                t.compare(file.getFileName() + " APDU " + (i + 1), expected, i < ours.size() ? ours.get(i) : Map.of());
                i++;
            }
            for (; i < ours.size(); i++) {
                t.compare(file.getFileName() + " APDU " + (i + 1) + " (ours only)", Map.of(), ours.get(i));
            }
            t.print(file.getFileName().toString());
            assertThat(t.records).isPositive();
            assertThat(t.agreement()).as(file.toString()).isGreaterThanOrEqualTo(0.99);
        }
    }

    static Map<String, Integer> render(Apdu apdu, byte[] b, int p) {
        Asdu a = apdu.asdu();
        if (a == null) {
            return SpicyVector.render(apdu.format(), apdu.length(), apdu.sendSequence(), apdu.receiveSequence(), -1,
                    false, 0, 0, false, false, 0, 0, List.of(), null);
        }
        Integer trailing = a.trailingOffset() < 0 ? null : b[p + 6 + a.trailingOffset()] & 0xFF;
        return SpicyVector.render('I', apdu.length(), apdu.sendSequence(), apdu.receiveSequence(), a.typeId(),
                a.sequence(), a.count(), a.cause(), a.negative(), a.test(), a.originator(), a.commonAddress(),
                a.objects(), trailing);
    }

    static Map<String, Integer> render(Iec104Detail d) {
        return SpicyVector.render(d.frameFormat().charAt(0), d.apduLength(), d.sendSequence(), d.receiveSequence(),
                d.typeId(), Boolean.TRUE.equals(d.sequence()), d.objectCount(), d.cause(),
                Boolean.TRUE.equals(d.negative()), Boolean.TRUE.equals(d.test()), d.originatorAddress(),
                d.commonAddress(), d.objects(), null);
    }

    /**
     * The two vectors cut from {@code iec104.pcap}: each names one APDU (the C_RC_NA_1 one also its capture time);
     * our event for it is the one of the same type and send sequence number (and time, when given).
     */
    @ParameterizedTest
    @ValueSource(strings = {"iec104.pcap.spicy-iec104.c_rc_na_1.test", "iec104.pcap.spicy-iec104.m_ei_na_1.test"})
    void agreesWithSpicyVectorsOfTheCapture(String name) {
        SpicyVector v = SpicyVector.read(SharedFixtures.pcap("iec104/" + name));
        List<OtEvent> events = Iec104CapturesTest.run(SharedFixtures.pcap("iec104/iec104.pcap")).events();
        Tally t = new Tally();
        for (Map<String, Integer> expected : v.records()) {
            List<OtEvent> candidates = events.stream().filter(e -> e.detail() instanceof Iec104Detail d
                    && d.frameFormat().equals("I")
                    && expected.containsKey("type_id=" + (d.typeName() == null ? "" : d.typeName().toLowerCase()))
                    && expected.containsKey("ssn=" + d.sendSequence())
                    && (v.timestampMicros() == null || v.timestampMicros() == e.timestampMicros())).toList();
            assertThat(candidates).as(name + " events for " + expected).hasSize(1);
            t.compare(name, expected, render((Iec104Detail) candidates.get(0).detail()));
        }
        t.print(name);
        assertThat(t.records).isEqualTo(1);
        assertThat(t.agreement()).isGreaterThanOrEqualTo(0.99);
    }
}
