package io.otsoc.collector.asset;

import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.model.AssetRole;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AssetInventoryTest {

    private static final FlowRef HMI_TO_PLC = new FlowRef("1:x", "tcp", "00:0c:29:00:00:09", "00:1d:9c:00:00:05",
            "10.0.0.9", 40000, "10.0.0.5", 502, -1);
    private static final FlowRef HMI_TO_PLC2 = new FlowRef("1:y", "tcp", "00:0c:29:00:00:09", "00:1d:9c:00:00:06",
            "10.0.0.9", 40001, "10.0.0.6", 502, -1);

    private static OtEvent event(FlowRef flow, long ts, String action, Outcome outcome) {
        return new OtEvent(ts, 10, flow, "modbus", action, EventCategory.READ, outcome, null, out -> { });
    }

    private static Map<String, Asset> byId(List<Asset> assets) {
        return assets.stream().collect(Collectors.toMap(Asset::id, Function.identity()));
    }

    @Test
    void rolesWithEvidenceFromEvents() {
        AssetInventory inventory = new AssetInventory(100);
        inventory.observe("00:0c:29:00:00:09", "10.0.0.9", 1_000);
        inventory.observe("00:1d:9c:00:00:05", "10.0.0.5", 1_000);
        for (int i = 0; i < 12; i++) {
            inventory.onEvent(event(HMI_TO_PLC, 2_000 + i, "read_holding_registers", Outcome.SUCCESS));
        }
        inventory.onEvent(event(HMI_TO_PLC2, 3_000, "read_coils", Outcome.SUCCESS));
        inventory.onEvent(new OtEvent(9_000, -1, HMI_TO_PLC, "modbus", "malformed_message", EventCategory.OTHER,
                Outcome.FAILURE, "bad length", out -> { }, true)); // as DecoderBinding delivers it

        Map<String, Asset> assets = byId(inventory.assets());
        assertThat(assets).containsOnlyKeys("00:0c:29:00:00:09", "00:1d:9c:00:00:05", "00:1d:9c:00:00:06");
        Asset hmi = assets.get("00:0c:29:00:00:09");
        assertThat(hmi.mac()).isEqualTo("00:0c:29:00:00:09");
        assertThat(hmi.ips()).containsExactly("10.0.0.9");
        assertThat(hmi.roles()).containsExactly(new AssetRole("modbus_client",
                "sent 13 modbus requests to 10.0.0.5:502 (12), 10.0.0.6:502 (1)"));
        assertThat(hmi.firstSeenMicros()).isEqualTo(1_000);
        assertThat(hmi.lastSeenMicros()).as("a malformed message proves no role and does not count as a sighting").isEqualTo(3_000);

        Asset plc = assets.get("00:1d:9c:00:00:05");
        assertThat(plc.roles()).containsExactly(new AssetRole("modbus_server",
                "answered 12 modbus requests from 10.0.0.9"));
        assertThat(plc.lastSeenMicros()).isEqualTo(2_011);
        assertThat(plc.timestampMicros()).isEqualTo(2_011);
    }

    @Test
    void withoutMacTheIpIsTheIdentityAndGroupAddressesAreNoAssets() {
        AssetInventory inventory = new AssetInventory(100);
        inventory.observe(null, "192.168.1.1", 5);
        inventory.observe(null, "255.255.255.255", 5);
        inventory.observe(null, "224.0.0.251", 5);
        inventory.observe(null, "ff02::1", 5);
        inventory.observe("ff:ff:ff:ff:ff:ff", "192.168.1.255", 5);
        inventory.observe("01:00:5e:00:00:fb", "224.0.0.251", 5);
        inventory.observe("00:11:22:33:44:55", "0.0.0.0", 6);
        assertThat(inventory.assets()).extracting(Asset::id).containsExactly("ip:192.168.1.1", "00:11:22:33:44:55");
        assertThat(inventory.assets().get(1).ips()).isEmpty();
        assertThat(inventory.assets().get(0).mac()).isNull();
    }

    @Test
    void boundedByMaxAssetsAndAddressesPerAsset() {
        AssetInventory inventory = new AssetInventory(2);
        inventory.observe(null, "10.0.0.1", 1);
        inventory.observe(null, "10.0.0.2", 1);
        inventory.observe(null, "10.0.0.3", 1);
        assertThat(inventory.size()).isEqualTo(2);
        assertThat(inventory.untracked()).isEqualTo(1);

        AssetInventory router = new AssetInventory(10);
        for (int i = 0; i < 100; i++) {
            router.observe("00:00:5e:00:01:01", "8.8." + i + ".1", i);
        }
        assertThat(router.assets().get(0).ips()).hasSize(AssetInventory.MAX_IPS).startsWith("8.8.0.1");
    }

    /** A detail that states the identity of one side of its flow, as a ListIdentity response or an I-Am does. */
    private static ProtocolDetail identity(AssetFacts facts) {
        return new ProtocolDetail() {
            @Override
            public void writeFields(io.otsoc.collector.model.DetailWriter out) {
            }

            @Override
            public AssetFacts assetFacts() {
                return facts;
            }
        };
    }

    @Test
    void identityStatedByTrafficLandsOnTheSideItDescribes() {
        AssetInventory inventory = new AssetInventory(100);
        inventory.onEvent(new OtEvent(1_000, 5, HMI_TO_PLC, "enip", "list_identity", EventCategory.DISCOVERY,
                Outcome.SUCCESS, null, identity(new AssetFacts(AssetFacts.Side.SERVER,
                "Rockwell Automation/Allen-Bradley", "1756-L61/B LOGIX5561", "20.11", "0x40f2a1b3", null,
                "Programmable Logic Controller"))));
        // a later message that states only a name keeps what was known and adds the name
        inventory.onEvent(new OtEvent(2_000, 5, HMI_TO_PLC, "enip", "list_identity", EventCategory.DISCOVERY,
                Outcome.SUCCESS, null, identity(new AssetFacts(AssetFacts.Side.SERVER, null, " ", null, null,
                "plc-line-1", null))));
        // a malformed message states nothing
        inventory.onEvent(new OtEvent(3_000, 5, HMI_TO_PLC, "enip", "list_identity", EventCategory.DISCOVERY,
                Outcome.FAILURE, "truncated", identity(new AssetFacts(AssetFacts.Side.SERVER, "Forged", null,
                null, null, null, null)), true));

        Map<String, Asset> assets = byId(inventory.assets());
        Asset plc = assets.get("00:1d:9c:00:00:05");
        assertThat(plc.vendor()).isEqualTo("Rockwell Automation/Allen-Bradley");
        assertThat(plc.model()).isEqualTo("1756-L61/B LOGIX5561");
        assertThat(plc.firmware()).isEqualTo("20.11");
        assertThat(plc.serial()).isEqualTo("0x40f2a1b3");
        assertThat(plc.name()).isEqualTo("plc-line-1");
        assertThat(plc.deviceType()).isEqualTo("Programmable Logic Controller");
        Asset hmi = assets.get("00:0c:29:00:00:09");
        assertThat(hmi.vendor()).isNull();
        assertThat(hmi.name()).isNull();
    }

    @Test
    void linkLayerMessagesShowTheSenderWithoutRoles() {
        AssetInventory inventory = new AssetInventory(100);
        FlowRef arpReply = FlowRef.link("00:1d:9c:00:00:05", "00:0c:29:00:00:09", "10.0.0.5", "10.0.0.9", -1);
        inventory.onEvent(new OtEvent(1_000, -1, arpReply, "arp", "reply", EventCategory.DISCOVERY,
                Outcome.SUCCESS, null, out -> { }));
        FlowRef lldp = FlowRef.link("00:1d:9c:00:00:05", "01:80:c2:00:00:0e", null, null, -1);
        inventory.onEvent(new OtEvent(2_000, -1, lldp, "lldp", "advertisement", EventCategory.DISCOVERY,
                Outcome.SUCCESS, null, identity(new AssetFacts(AssetFacts.Side.CLIENT, null, null, null, null,
                "plc-line-1", null))));

        Map<String, Asset> assets = byId(inventory.assets());
        assertThat(assets).as("the ARP target and the LLDP multicast group are not assets from these messages")
                .containsOnlyKeys("00:1d:9c:00:00:05");
        Asset plc = assets.get("00:1d:9c:00:00:05");
        assertThat(plc.ips()).containsExactly("10.0.0.5");
        assertThat(plc.roles()).isEmpty();
        assertThat(plc.name()).isEqualTo("plc-line-1");
        assertThat(plc.firstSeenMicros()).isEqualTo(1_000);
        assertThat(plc.lastSeenMicros()).isEqualTo(2_000);
    }
}
