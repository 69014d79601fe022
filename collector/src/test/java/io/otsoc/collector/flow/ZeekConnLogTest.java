package io.otsoc.collector.flow;

import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.dissect.PacketKind;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.testing.Pcap4jTestSource;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-checks the flow table with the Zeek conn.log oracles beside the shared captures: the same TCP/UDP flows
 * (endpoints and transport, as a multiset), and the same orientation wherever a registered server port decides it.
 * Zeek times UDP flows out after 60 s of silence, so the table runs with a 60 s idle timeout here.
 *
 * <p>Where no registered port decides, Zeek takes the first sender as originator (and some of its analyzers flip
 * flows by content), while the collector makes the lower port the server; those flows are compared without
 * orientation. Zeek's DNS analyzer also ends UDP DNS sessions after 10 s ({@code dns_session_timeout}), a
 * protocol-specific rule the flow table does not copy: flows Zeek labels {@code dns} are compared as distinct
 * tuples.
 */
class ZeekConnLogTest {

    /** Server ports of the protocols whose decoders these captures exercise (Modbus, PROFINET CM, DHCP). */
    private static final int[] TCP_PORTS = {502};
    private static final int[] UDP_PORTS = {34964, 67};

    static Stream<String> oracles() throws IOException {
        Path pcaps = SharedFixtures.root().resolve("pcaps");
        try (Stream<Path> files = Files.walk(pcaps)) {
            return files.map(p -> pcaps.relativize(p).toString())
                    .filter(n -> n.endsWith("conn.log") || n.endsWith("conn-second.log"))
                    .sorted().toList().stream();
        }
    }

    record Conn(String origIp, int origPort, String respIp, int respPort, String proto, String service) {
        String unordered() {
            String a = origIp + ":" + origPort;
            String b = respIp + ":" + respPort;
            return proto + " " + (a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
        }
    }

    @ParameterizedTest
    @MethodSource("oracles")
    void flowsMatchZeek(String oracle) throws IOException {
        Path log = SharedFixtures.pcap(oracle);
        String name = log.getFileName().toString();
        Path capture = log.resolveSibling(name.substring(0, name.indexOf(".pcap") + (name.contains(".pcapng") ? 7 : 5)));
        List<Conn> zeek = readConnLog(log);
        List<Conn> ours = flows(capture);

        java.util.Set<String> dns = zeek.stream().filter(c -> "dns".equals(c.service())).map(Conn::unordered)
                .collect(Collectors.toSet());
        Map<String, Long> expected = count(zeek, dns);
        Map<String, Long> actual = count(ours, dns);
        assertThat(actual).as("flows of %s", capture.getFileName()).isEqualTo(expected);

        int decided = 0;
        for (Conn z : zeek) {
            boolean respKnown = registered(z.proto(), z.respPort());
            boolean origKnown = registered(z.proto(), z.origPort());
            if (respKnown && !origKnown) {
                decided++;
                assertThat(ours).as("orientation of %s", z).anyMatch(o -> o.unordered().equals(z.unordered())
                        && o.origIp().equals(z.origIp()) && o.origPort() == z.origPort());
            }
        }
        assertThat(decided).as("flows whose orientation a registered port decides").isPositive();
    }

    private static boolean registered(String proto, int port) {
        int[] ports = proto.equals("tcp") ? TCP_PORTS : UDP_PORTS;
        return Arrays.stream(ports).anyMatch(p -> p == port);
    }

    private static Map<String, Long> count(List<Conn> conns, java.util.Set<String> distinct) {
        Map<String, Long> m = conns.stream()
                .collect(Collectors.groupingBy(Conn::unordered, TreeMap::new, Collectors.counting()));
        distinct.forEach(k -> m.computeIfPresent(k, (key, n) -> 1L));
        return m;
    }

    private static List<Conn> flows(Path capture) {
        List<Conn> out = new ArrayList<>();
        RecordingFactory fake = new RecordingFactory("fake", TCP_PORTS, UDP_PORTS);
        DecoderRegistry registry = DecoderRegistry.of(fake);
        CollectorConfig config = new CollectorConfig(10_000, 60_000_000L, 262_144, 64, "test");
        FlowTracker tracker = new FlowTracker(config, registry, new ProtocolCounters(registry), e -> { },
                new FlowTracker.Listener() {
                    @Override
                    public void onOpen(Flow flow) {
                        FlowRef r = flow.ref();
                        out.add(new Conn(r.clientIp(), r.clientPort(), r.serverIp(), r.serverPort(), r.transport(),
                                null));
                    }

                    @Override
                    public void onRemove(Flow flow) {
                    }
                });
        Dissector dissector = new Dissector();
        Packet p = new Packet();
        try (Pcap4jTestSource source = new Pcap4jTestSource(capture)) {
            source.run(frame -> {
                PacketKind kind = dissector.dissect(frame, p);
                tracker.advanceTime(frame.timestampMicros());
                if (kind == PacketKind.TCP || kind == PacketKind.UDP) {
                    tracker.onPacket(p);
                }
            });
        }
        tracker.closeAll();
        return out;
    }

    /** Zeek TSV conn.log, full (with #fields) or cut to {@code orig_h orig_p resp_h resp_p proto service}. */
    static List<Conn> readConnLog(Path log) throws IOException {
        List<String> fields = List.of("id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service");
        List<Conn> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.startsWith("#fields")) {
                fields = Arrays.asList(line.substring("#fields\t".length()).split("\t"));
                continue;
            }
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] v = line.split("\t");
            String proto = v[fields.indexOf("proto")];
            if (!proto.equals("tcp") && !proto.equals("udp")) {
                continue;
            }
            out.add(new Conn(v[fields.indexOf("id.orig_h")], Integer.parseInt(v[fields.indexOf("id.orig_p")]),
                    v[fields.indexOf("id.resp_h")], Integer.parseInt(v[fields.indexOf("id.resp_p")]), proto,
                    v[fields.indexOf("service")]));
        }
        return out;
    }
}
