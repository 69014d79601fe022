package io.otsoc.collector.protocol.arp;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against the ARP oracles under {@code ../shared/pcaps/arp}: Zeek's btest baselines print one line per
 * {@code arp_request}/{@code arp_reply} event ({@code mac_src, mac_dst, SPA, SHA, TPA, THA}) or per
 * {@code bad_arp} event ({@code BAD, SPA, SHA, TPA, THA, explanation}); Suricata's {@code decode-arp-2} lists its
 * eve {@code arp} records. Every oracle line is matched, field by field, with one of our events, in order.
 *
 * <p>Zeek's {@code mac_dst} is the frame's destination, 00:00:00:00:00:00 in a Linux cooked capture, which carries
 * only the sender's link address: our event's destination is the ARP receiver when it is a single station and
 * null for a broadcast request (see {@link ArpDecoder}), so we compare Zeek's {@code mac_dst} with the frame's
 * destination where the frame has one, which for these captures is: broadcast and unicast requests and replies,
 * as Zeek prints them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArpOracleTest {

    private final Map<String, String> table = new TreeMap<>();

    static List<OtEvent> run(String capture, List<CollectorStats> statsOut) {
        List<OtEvent> events = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            statsOut.add(new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(ArpDecoder.PROTOCOL)) {
                    events.add(e);
                }
            }));
        }
        return events;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "arp-who-has.pcap     | arp-who-has.pcap.zeek.basic.stdout",
            "linuxsll-arp.pcap    | linuxsll-arp.pcap.zeek.linuxsll.stdout",
            "snap-arp.pcapng      | snap-arp.pcapng.zeek.snap-arp.stdout",
            "arp-leak.pcap        | arp-leak.pcap.zeek.bad.stdout"})
    void agreesWithZeek(String capture, String oracle) throws IOException {
        List<CollectorStats> stats = new ArrayList<>();
        List<OtEvent> events = run("arp/" + capture, stats);
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(SharedFixtures.pcap("arp/" + oracle))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                expected.add(line.trim());
            }
        }
        List<String> ours = new ArrayList<>();
        for (OtEvent e : events) {
            ArpDetail d = (ArpDetail) e.detail();
            if (e.action().equals(ArpDecoder.BINDING_CHANGED)) {
                continue;
            }
            if (e.malformed()) {
                ours.add("BAD, " + d.senderIp() + ", " + d.senderMac() + ", " + d.targetIp() + ", " + d.targetMac()
                        + ", " + zeekExplanation(d));
            } else {
                ours.add(d.senderMac() + ", " + frameDestination(e, capture.startsWith("linuxsll")) + ", " + d.senderIp() + ", " + d.senderMac()
                        + ", " + d.targetIp() + ", " + d.targetMac());
            }
        }
        tally(capture, expected, ours);
        assertThat(stats.get(0).decoderErrors()).isEmpty();
        assertThat(ours).as(capture).containsExactlyElementsOf(expected);
    }

    /**
     * Zeek's explanation of a bad header names the pair it checked; ours names the same field in words (e.g. "ARP
     * hardware address length 255 is not 6"), so the pair is rebuilt from the decoded header.
     */
    private static String zeekExplanation(ArpDetail d) {
        if (d.hardwareLength() != 6) {
            return "corrupt-arp-header (hrd=" + d.hardwareType() + ", hln=" + d.hardwareLength() + ")";
        }
        return "corrupt-arp-header (pro=" + d.protocolType() + ", pln=" + d.protocolLength() + ")";
    }

    /**
     * The frame's destination as Zeek prints it: our flow's server MAC for unicast frames; for a broadcast request
     * (server MAC null) the broadcast address, except in a Linux cooked capture, whose header carries only the
     * sender's link address, where Zeek prints zeros.
     */
    private static String frameDestination(OtEvent e, boolean linuxCooked) {
        if (e.flow().serverMac() != null) {
            return e.flow().serverMac();
        }
        return linuxCooked ? "00:00:00:00:00:00" : "ff:ff:ff:ff:ff:ff";
    }

    @Test
    void suricataDecodeArp2() {
        // The eve arp records of decode-arp-2: 4 in all; packets 5 and 6 checked field by field.
        List<CollectorStats> stats = new ArrayList<>();
        List<OtEvent> events = run("arp/sv-decode-arp-2.pcap", stats);
        List<String> expected = List.of(
                "request ethernet ipv4 00:1d:09:f0:92:ab 10.10.10.1 00:00:00:00:00:00 10.10.10.2",
                "reply ethernet ipv4 00:1a:6b:6c:0c:cc 10.10.10.2 00:1d:09:f0:92:ab 10.10.10.1");
        List<String> ours = new ArrayList<>();
        for (OtEvent e : events) {
            ArpDetail d = (ArpDetail) e.detail();
            ours.add(e.action().replace("arp_", "") + " " + (d.hardwareType() == 1 ? "ethernet" : "?") + " "
                    + (d.protocolType() == 0x0800 ? "ipv4" : "?") + " " + d.senderMac() + " " + d.senderIp() + " "
                    + d.targetMac() + " " + d.targetIp());
        }
        assertThat(ours).hasSize(4);
        tally("sv-decode-arp-2.pcap", expected, ours.subList(2, 4));
        assertThat(ours.subList(2, 4)).containsExactlyElementsOf(expected);
        assertThat(stats.get(0).decoderErrors()).isEmpty();
    }

    @Test
    void suricataDecodeArp1() {
        // decode-arp-1: one Ethernet frame, one ARP packet decoded.
        List<CollectorStats> stats = new ArrayList<>();
        List<OtEvent> events = run("arp/sv-decode-arp-1.pcap", stats);
        tally("sv-decode-arp-1.pcap", List.of("arp 1"), List.of("arp " + events.size()));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).malformed()).isFalse();
    }

    private void tally(String capture, List<String> expected, List<String> ours) {
        Map<String, Integer> left = new HashMap<>();
        expected.forEach(k -> left.merge(k, 1, Integer::sum));
        int matched = 0;
        int extra = 0;
        for (String k : ours) {
            Integer n = left.get(k);
            if (n != null && n > 0) {
                left.put(k, n - 1);
                matched++;
            } else {
                extra++;
            }
        }
        int mismatched = expected.size() - matched;
        table.put(capture, String.format(Locale.ROOT, "%-22s %3d records %3d matched %3d mismatched %3d extra",
                capture, expected.size(), matched, mismatched, extra));
    }

    @AfterAll
    void printTable() {
        System.out.println("ARP oracle agreement");
        table.values().forEach(System.out::println);
    }
}
