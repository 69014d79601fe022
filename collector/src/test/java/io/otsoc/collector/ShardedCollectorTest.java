package io.otsoc.collector;

import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sharded collector decodes exactly what the single-threaded one does: the same events (per flow, in the same
 * order), the same assets after the inventories are merged, the same counters.
 */
class ShardedCollectorTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"modbus/modbusBig.pcap", "dnp3/dnp3_example.pcap", "s7comm/wincc_s400_production.pcapng",
            "other/Sample_File_MMS_and_GOOSE.pcap"})
    void decodesWhatOneThreadDecodes(String capture) {
        List<DomainRecord> single = new ArrayList<>();
        CollectorStats one;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            one = new Collector(CollectorConfig.defaults()).run(source, single::add);
        }
        for (int workers : new int[] {2, 3}) {
            List<List<DomainRecord>> perWorker = new ArrayList<>();
            CollectorStats many;
            try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
                many = new ShardedCollector(CollectorConfig.defaults(), DecoderRegistry.discover(), workers)
                        .run(source, i -> {
                            List<DomainRecord> mine = Collections.synchronizedList(new ArrayList<>());
                            perWorker.add(mine);
                            return (Consumer<DomainRecord>) mine::add;
                        });
            }
            List<DomainRecord> all = new ArrayList<>();
            perWorker.forEach(all::addAll);
            assertThat(eventsByFlow(all)).as("%d workers", workers).isEqualTo(eventsByFlow(single));
            assertThat(assets(all)).as("%d workers", workers).containsExactlyElementsOf(assets(single));
            assertThat(many.frames()).isEqualTo(one.frames());
            assertThat(many.flowsCreated()).isEqualTo(one.flowsCreated());
            assertThat(many.events()).isEqualTo(one.events());
            assertThat(many.malformed()).isEqualTo(one.malformed());
            assertThat(many.assets()).isEqualTo(one.assets());
            if (eventsByFlow(single).size() >= 8) {
                assertThat(perWorker.stream().filter(l -> l.stream().anyMatch(r -> r instanceof OtEvent)).count())
                        .as("the flows spread over the workers").isGreaterThan(1);
            }
        }
    }

    /** Each flow's events in order, as text (community id and direction-free). */
    private static Map<String, List<String>> eventsByFlow(List<DomainRecord> records) {
        Map<String, List<String>> m = new TreeMap<>();
        for (DomainRecord r : records) {
            if (r instanceof OtEvent e) {
                m.computeIfAbsent(e.flow().toString(), k -> new ArrayList<>()).add(e.timestampMicros() + " "
                        + e.action() + " " + e.outcome() + " " + e.durationMicros() + " " + e.errorMessage());
            }
        }
        return m;
    }

    /**
     * The assets by id, with addresses and roles sorted: which worker saw an address or a role first decides their
     * order after the merge, not what they are.
     */
    private static List<Asset> assets(List<DomainRecord> records) {
        List<Asset> assets = new ArrayList<>();
        for (DomainRecord r : records) {
            if (r instanceof Asset a) {
                List<String> ips = new ArrayList<>(a.ips());
                Collections.sort(ips);
                List<io.otsoc.collector.model.AssetRole> roles = new ArrayList<>(a.roles());
                roles.sort((x, y) -> x.name().compareTo(y.name()));
                assets.add(new Asset(a.id(), a.mac(), ips, roles, a.vendor(), a.model(), a.firmware(), a.serial(),
                        a.name(), a.deviceType(), a.firstSeenMicros(), a.lastSeenMicros()));
            }
        }
        assets.sort((a, b) -> a.id().compareTo(b.id()));
        return assets;
    }
}
