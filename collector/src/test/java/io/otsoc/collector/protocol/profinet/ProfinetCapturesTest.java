package io.otsoc.collector.protocol.profinet;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.profinet.dcp.DcpDetail;
import io.otsoc.collector.protocol.profinet.dcp.ProfinetDcpDecoder;
import io.otsoc.collector.protocol.profinet.iocm.ProfinetIoDecoder;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture under {@code ../shared/pcaps/profinet} through the real {@link Collector}: no decoder error, no
 * malformed PROFINET message (every one of them is well-formed as Wireshark dissects it), and a few facts of the
 * DCP captures, which have no oracle, pinned after checking them byte by byte.
 */
class ProfinetCapturesTest {

    record Run(List<OtEvent> events, CollectorStats stats) {
        List<OtEvent> of(String protocol) {
            return events.stream().filter(e -> e.protocol().equals(protocol)).toList();
        }
    }

    static Run run(String capture) {
        List<OtEvent> events = new ArrayList<>();
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e) {
                    events.add(e);
                }
            });
        }
        return new Run(events, stats);
    }

    @Test
    void everyProfinetCaptureDecodesWithoutErrorsOrMalformedMessages() throws Exception {
        Path dir = SharedFixtures.pcap("profinet");
        List<Path> captures;
        try (Stream<Path> files = Files.list(dir)) {
            captures = files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        assertThat(captures).hasSize(13);
        for (Path f : captures) {
            Run run = run("profinet/" + f.getFileName());
            Map<String, Long> actions = new TreeMap<>();
            run.events().stream().filter(e -> e.protocol().startsWith("profinet"))
                    .forEach(e -> actions.merge(e.protocol() + ":" + e.action(), 1L, Long::sum));
            System.out.println("profinet capture " + f.getFileName() + ": " + actions);
            assertThat(run.stats().decoderErrors()).as(f.getFileName().toString()).isEmpty();
            assertThat(run.stats().malformed()).as(f.getFileName().toString())
                    .doesNotContainKeys(ProfinetDcpDecoder.PROTOCOL, ProfinetIoDecoder.PROTOCOL);
        }
    }

    /**
     * The Identify response of frame 2: NameOfStation "%n%n%n " (the format-string name that crashed Wireshark's
     * dissector, padded with zeros to 108 bytes), type of station "S7-300EC", VendorID 0x002a, DeviceID 0x0101,
     * role IO controller, IP 192.168.0.11/255.255.255.0 gateway 192.168.0.11; then a Set of that name with a Stop,
     * and its two successful Control/Response blocks.
     */
    @Test
    void wiresharkBugCaptureIdentifiesAnS7AndSetsItsName() {
        List<OtEvent> dcp = run("profinet/profinet-wireshark-bug.pcap").of(ProfinetDcpDecoder.PROTOCOL);
        assertThat(dcp).extracting(OtEvent::action)
                .containsExactly("identify", "identify", "set_name_of_station", "set_name_of_station");
        DcpDetail id = (DcpDetail) dcp.get(1).detail();
        assertThat(id.frameId()).isEqualTo(0xFEFF);
        assertThat(id.xid()).isEqualTo(0x01000001L);
        assertThat(id.nameOfStation()).isEqualTo("%n%n%n ");
        assertThat(id.typeOfStation()).isEqualTo("S7-300EC");
        assertThat(id.vendorId()).isEqualTo(0x002a);
        assertThat(id.deviceId()).isEqualTo(0x0101);
        assertThat(id.deviceRole()).isEqualTo("io_controller");
        assertThat(id.ip()).isEqualTo("192.168.0.11");
        assertThat(id.subnetMask()).isEqualTo("255.255.255.0");
        assertThat(id.assetFacts().vendor()).isEqualTo("Siemens");
        assertThat(dcp.get(1).flow().clientMac()).isEqualTo("00:02:e3:17:c7:50");
        assertThat(dcp.get(2).category()).isEqualTo(EventCategory.WRITE);
        assertThat(((DcpDetail) dcp.get(2).detail()).blockQualifier()).isEqualTo(1);
        assertThat(((DcpDetail) dcp.get(2).detail()).controls()).containsExactly("stop");
        assertThat(dcp.get(3).outcome()).isEqualTo(Outcome.SUCCESS);
    }

    /** Fourteen multicast Identify requests, each filtering on one NameOfStation. */
    @Test
    void profinetRtCaptureIsIdentifyRequestsByName() {
        List<OtEvent> dcp = run("profinet/PROFINET-RT.pcap").of(ProfinetDcpDecoder.PROTOCOL);
        assertThat(dcp).hasSize(14).allMatch(e -> e.action().equals("identify") && !e.malformed());
        assertThat(dcp.stream().map(e -> ((DcpDetail) e.detail()).nameOfStation()).distinct().sorted())
                .containsExactly("pn-io", "switch1", "switch2", "switch3", "switch4", "switch5", "switch6", "switch7",
                        "swln3", "swln4");
        assertThat(dcp.get(0).flow().serverMac()).isEqualTo("01:0e:cf:00:00:00");
    }

    /**
     * The GE VersaMax answers an Identify (VendorID 0x015a, DeviceID 3, "IC200PNS001", "versamax-pns11",
     * 192.168.1.2); its cyclic data (FrameID 0xC002) and the controller's (0xC000) are summarised per stream.
     */
    @Test
    void mixedCaptureIdentifiesTheVersaMaxAndSummarisesCyclicData() {
        List<OtEvent> dcp = run("profinet/profinet_io_cm_mixed_2.pcapng").of(ProfinetDcpDecoder.PROTOCOL);
        OtEvent response = dcp.stream().filter(e -> ((DcpDetail) e.detail()).serviceType() == 1).findFirst()
                .orElseThrow();
        DcpDetail d = (DcpDetail) response.detail();
        assertThat(d.nameOfStation()).isEqualTo("versamax-pns11");
        assertThat(d.typeOfStation()).isEqualTo("IC200PNS001");
        assertThat(d.vendorId()).isEqualTo(0x015a);
        assertThat(d.deviceId()).isEqualTo(3);
        assertThat(response.flow().clientIp()).isEqualTo("192.168.1.2");
        assertThat(d.assetFacts().vendor()).isEqualTo("vendor 0x015a");
        assertThat(d.assetFacts().deviceType()).isEqualTo("PROFINET IO device");
        Map<String, Long> cyclic = new TreeMap<>();
        dcp.stream().filter(e -> e.action().equals("rt_cyclic")).forEach(e -> cyclic.put(e.flow().clientMac() + " "
                + Integer.toHexString(((DcpDetail) e.detail()).frameId()), ((DcpDetail) e.detail()).packetCount()));
        assertThat(cyclic).containsEntry("00:09:91:43:e0:67 c002", 46L).containsEntry("00:a0:45:6d:d3:43 c000", 56L);
    }
}
