package io.otsoc.collector.protocol.enip;

import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The suricata-verify tests run on {@code enip_cip_example.pcap} (enip-keywords, enip-keywords-suricata8,
 * enip-frames): each {@code checks} entry expects a number of alerts of one rule; the rule (in the test's
 * {@code .rules} file) matches a decoded field. We count the messages whose decoded field matches the same way and
 * expect the same number. The expected counts are read from the yaml files, the Suricata 8 variant where the yaml
 * has one per version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnipSuricataVerifyTest {

    private static final String BASE = "enip_cip_example.pcap.suricata-verify.";
    private List<OtEvent> events;
    private List<EncapsulationHeader> headers;

    @BeforeAll
    void run() {
        events = EnipCaptureRun.of("enip_cip_example.pcap").events();
        headers = new java.util.ArrayList<>();
        for (OtEvent e : events) {
            if (e.detail() instanceof EnipDetail d) {
                add(d.request());
                add(d.response());
            } else if (e.detail() instanceof CipDetail d && d.serviceIndex() < 0) {
                add(d.requestHeader());
                add(d.responseHeader());
            }
        }
    }

    private void add(EncapsulationHeader h) {
        if (h != null) {
            headers.add(h);
        }
    }

    /** signature id -> expected alert count, from a test.yaml ("requires: lt-version: 8" entries skipped). */
    private static Map<Integer, Integer> expected(String test) throws IOException {
        String yaml = Files.readString(SharedFixtures.pcap("enip/" + BASE + test + ".test.yaml"));
        Map<Integer, Integer> counts = new LinkedHashMap<>();
        for (String entry : yaml.split("- filter:")) {
            if (entry.contains("lt-version: 8")) {
                continue;
            }
            Matcher count = Pattern.compile("count: (\\d+)").matcher(entry);
            Matcher sid = Pattern.compile("alert\\.signature_id: (\\d+)").matcher(entry);
            if (count.find() && sid.find()) {
                counts.put(Integer.parseInt(sid.group(1)), Integer.parseInt(count.group(1)));
            }
        }
        return counts;
    }

    private long cip(Predicate<CipDetail> p) {
        return events.stream().filter(e -> e.detail() instanceof CipDetail d && p.test(d)).count();
    }

    private long identity(Predicate<CipIdentity> p) {
        return events.stream().filter(e -> e.detail() instanceof EnipDetail d && d.identity() != null
                && p.test(d.identity())).count();
    }

    @Test
    void enipKeywords() throws IOException {
        Map<Integer, Integer> want = expected("enip-keywords");
        // sid 1: cip_service: 10 (Suricata 8 matches requests and responses)
        long msp = cip(d -> d.service() == 10 && d.serviceIndex() < 0 && d.requestHeader() != null)
                + cip(d -> d.service() == 10 && d.serviceIndex() < 0 && d.responseHeader() != null);
        assertThat(msp).isEqualTo((long) want.get(1));
        // sid 2: enip_command: 112; sid 3: enip_command: 99
        assertThat(headers.stream().filter(h -> h.command() == 0x70).count()).isEqualTo((long) want.get(2));
        assertThat(headers.stream().filter(h -> h.command() == 0x63).count()).isEqualTo((long) want.get(3));
    }

    @Test
    void enipKeywordsSuricata8() throws IOException {
        Map<Integer, Integer> want = expected("enip-keywords-suricata8");
        assertThat(headers.stream().filter(h -> h.status() == 0).count()).isEqualTo((long) want.get(4));
        assertThat(identity(i -> i.productName().equals("1756-ENBT/A"))).isEqualTo((long) want.get(5));
        assertThat(identity(i -> i.encapsulationVersion() == 1)).isEqualTo((long) want.get(6));
        assertThat(identity(i -> (i.revisionMajor() << 8 | i.revisionMinor()) == 0x403)).isEqualTo((long) want.get(7));
        assertThat(identity(i -> i.status() == 0x30)).isEqualTo((long) want.get(8));
        assertThat(identity(i -> i.state() == 3)).isEqualTo((long) want.get(9));
        assertThat(identity(i -> i.serialNumber() == 0x524D8E)).isEqualTo((long) want.get(10));
        assertThat(identity(i -> i.productCode() == 58)).isEqualTo((long) want.get(11));
        assertThat(identity(i -> i.deviceType() == 12)).isEqualTo((long) want.get(12));
        assertThat(identity(i -> i.vendorId() == 1)).isEqualTo((long) want.get(13));
        // sid 14: a request to the server with attribute 5, class 1, instance 1 (the Identity status in each MSP)
        assertThat(cip(d -> d.requestHeader() != null && d.path().classId() == 1 && d.path().instanceId() == 1
                && d.attributeIds() != null && Arrays.stream(d.attributeIds()).anyMatch(a -> a == 5)))
                .isEqualTo((long) want.get(14));
        // sid 15: cip_status: 0, one per response message (its first service's status)
        assertThat(cip(d -> d.serviceIndex() < 0 && d.responseHeader() != null && d.generalStatus() == 0))
                .isEqualTo((long) want.get(15));
    }

    @Test
    void enipFrames() throws IOException {
        Map<Integer, Integer> want = expected("enip-frames");
        // sid 1: header frame starting 63 00 33 00: ListIdentity with length 51
        assertThat(headers.stream().filter(h -> h.command() == 0x63 && h.length() == 51).count())
                .isEqualTo((long) want.get(1));
        // sid 2 and 3: data frame of 32 bytes (the whole PDU of 56) starting with interface handle 0, timeout 1,
        // item count 2: the 32-byte SendUnitData messages
        long small = cip(d -> d.serviceIndex() < 0 && d.requestHeader() != null && d.requestTimeout() == 1
                && d.requestHeader().command() == 0x70 && d.requestHeader().length() == 32)
                + cip(d -> d.serviceIndex() < 0 && d.responseHeader() != null && d.responseTimeout() == 1
                        && d.responseHeader().length() == 32);
        assertThat(small).isEqualTo((long) want.get(2)).isEqualTo((long) want.get(3));
        // sid 4: a CIP frame of exactly 03 02 20 8b 24 01 01 00 06 00: Get Attribute List of attribute 6 of class
        // 0x8b instance 1, whether alone or inside a Multiple Service Packet (Suricata frames each service)
        assertThat(cip(d -> d.requestHeader() != null && d.service() == 3
                && d.path().classId() == 0x8b && d.path().instanceId() == 1
                && Arrays.equals(d.attributeIds(), new int[] {6}))).isEqualTo((long) want.get(4));
        // sid 5: an item frame starting 0c 00 2d 00: the 45-byte CIP Identity item
        assertThat(identity(i -> i.productName().length() + 34 == 45)).isEqualTo((long) want.get(5));
    }
}
