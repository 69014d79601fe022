package io.otsoc.collector.protocol.bacnet;

import io.otsoc.collector.model.AssetFacts;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.protocol.Direction;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.otsoc.collector.protocol.bacnet.BacnetWire.bvlc;
import static io.otsoc.collector.protocol.bacnet.BacnetWire.broadcast;
import static io.otsoc.collector.protocol.bacnet.BacnetWire.hex;
import static io.otsoc.collector.protocol.bacnet.BacnetWire.unicast;
import static org.assertj.core.api.Assertions.assertThat;

/** The BACnet/IP decoder on hand-built datagrams: every layer, every service it reads, every framing edge. */
class BacnetDecoderTest {

    private static final FlowRef FLOW = new FlowRef("1:x", "udp", null, null, "10.0.0.1", 47808, "10.0.0.2",
            47808, -1);

    private final BacnetOutput out = new BacnetOutput();
    private final BacnetDecoder decoder = new BacnetDecoder(FLOW, out);

    private void send(Direction d, byte[] datagram, long ts) {
        decoder.onData(d, datagram, 0, datagram.length, ts);
    }

    private void toServer(byte[] datagram) {
        send(Direction.TO_SERVER, datagram, 1_000);
    }

    private void toClient(byte[] datagram) {
        send(Direction.TO_CLIENT, datagram, 1_500);
    }

    private static Map<String, Object> fields(BacnetDetail d) {
        Map<String, Object> m = new LinkedHashMap<>();
        d.writeFields(new io.otsoc.collector.model.DetailWriter() {
            @Override
            public void number(String field, long value) {
                m.put(field, value);
            }

            @Override
            public void decimal(String field, double value) {
                m.put(field, value);
            }

            @Override
            public void text(String field, String value) {
                m.put(field, value);
            }

            @Override
            public void flag(String field, boolean value) {
                m.put(field, value);
            }

            @Override
            public void numbers(String field, int[] values, int count) {
                m.put(field, Arrays.copyOf(values, count));
            }

            @Override
            public void texts(String field, List<String> values) {
                m.put(field, List.copyOf(values));
            }
        });
        return m;
    }

    // ---- discovery

    @Test
    void whoIsWithRange() {
        toServer(broadcast("1008 0a006c 1a006c"));
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("who_is");
        assertThat(e.category()).isEqualTo(EventCategory.DISCOVERY);
        assertThat(e.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(fields((BacnetDetail) e.detail())).containsEntry("range_low", 108L).containsEntry("range_high", 108L)
                .containsEntry("bvlc_function", 11L).containsEntry("pdu_type", 1L).containsEntry("service_choice", 8L);
    }

    @Test
    void whoIsWithOnlyALowLimitIsMalformed() {
        toServer(broadcast("1008 0a006c"));
        assertThat(out.malformed).singleElement().satisfies(m -> {
            assertThat(m.event().action()).isEqualTo("who_is");
            assertThat(m.reason()).contains("Who-Is range needs both");
        });
    }

    @Test
    void iAmGivesAssetFactsForItsSender() {
        // I-Am device 721, max APDU 1476, segmented-both, vendor 15 (Cornell University), sent by the server side
        send(Direction.TO_CLIENT, broadcast("1000 c4020002d1 2205c4 9100 210f"), 5);
        BacnetDetail d = out.onlyDetail();
        assertThat(fields(d)).containsEntry("device_instance", 721L).containsEntry("max_apdu", 1476L)
                .containsEntry("segmentation_supported", 0L).containsEntry("vendor_id", 15L)
                .containsEntry("vendor", "Cornell University").containsEntry("object_type_name", "device");
        AssetFacts facts = d.assetFacts();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.SERVER);
        assertThat(facts.vendor()).isEqualTo("Cornell University");
        assertThat(facts.name()).isEqualTo("device:721");
    }

    @Test
    void iAmFromTheClientSideNamesTheClient() {
        toServer(broadcast("1000 c4020002d1 2205c4 9103 22ffff"));
        AssetFacts facts = out.onlyDetail().assetFacts();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.CLIENT);
        assertThat(facts.vendor()).isEqualTo("BACnet vendor 65535");
    }

    @Test
    void whoHasByNameAndIHave() {
        toServer(broadcast("1007 3d0a00 72656c617920313038")); // [3] name "relay 108" (charset 0)
        toClient(broadcast("1001 c4020000fe c405c00004 7507 00 74656d702032"));
        assertThat(out.events).extracting(OtEvent::action).containsExactly("who_has", "i_have");
        assertThat(((BacnetDetail) out.events.get(0).detail()).first().objectName()).isEqualTo("relay 108");
        BacnetDetail iHave = (BacnetDetail) out.events.get(1).detail();
        assertThat(iHave.first().deviceInstance()).isEqualTo(254);
        assertThat(iHave.first().items().get(0).objectTypeName()).isEqualTo("accumulator");
        assertThat(iHave.first().objectName()).isEqualTo("temp 2");
    }

    // ---- confirmed services paired with their answers

    @Test
    void readPropertyPairedWithItsComplexAck() {
        toServer(unicast("0005 01 0c 0c00000001 194d")); // analog-input 1, object-name
        assertThat(out.events).isEmpty();
        assertThat(decoder.pendingCount()).isEqualTo(1);
        toClient(unicast("30 01 0c 0c00000001 194d 3e 750d 0053656e736f725f3435333132 3f"));
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("read_property");
        assertThat(e.category()).isEqualTo(EventCategory.READ);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(e.durationMicros()).isEqualTo(500);
        assertThat(fields((BacnetDetail) e.detail())).containsEntry("invoke_id", 1L)
                .containsEntry("object_type_name", "analog-input").containsEntry("instance_number", 1L)
                .containsEntry("property", "object-name").containsEntry("property_id", 77L)
                .containsEntry("values", List.of("Sensor_45312")).containsEntry("response_pdu_type", 3L);
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void readingADeviceObjectTellsWhoTheAnswererIs() {
        toServer(unicast("0005 08 0e 0c0200001d 1e 0979 0946 092c 094d 1f"));
        toClient(unicast("30 08 0e 0c0200001d 1e 2979 4e 7518 004c6974686f6e6961204c69676874696e672c20496e632e 4f"
                + " 2946 4e 7508 004849592d303534 4f 292c 4e 7506 00342e322e31 4f 294d 4e 7508 0062617937303830 4f"
                + " 1f"));
        AssetFacts facts = out.onlyDetail().assetFacts();
        assertThat(facts.side()).isEqualTo(AssetFacts.Side.SERVER);
        assertThat(facts.vendor()).isEqualTo("Lithonia Lighting, Inc.");
        assertThat(facts.model()).isEqualTo("HIY-054");
        assertThat(facts.firmware()).isEqualTo("4.2.1");
        assertThat(facts.name()).isEqualTo("bay7080");
    }

    @Test
    void writePropertyWithArrayIndexAndPriority() {
        // analog-output 101, present-value [3] REAL 55.0 [4] priority 8, array index 2 for good measure
        toServer(unicast("0005 02 0f 0c00400065 1955 2902 3e 44425c0000 3f 4908"));
        toClient(unicast("20 02 0f"));
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("write_property");
        assertThat(e.category()).isEqualTo(EventCategory.WRITE);
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(fields((BacnetDetail) e.detail())).containsEntry("object_type_name", "analog-output")
                .containsEntry("instance_number", 101L).containsEntry("array_index", 2L)
                .containsEntry("priority", 8L).containsEntry("values", List.of("55.000000"));
    }

    @Test
    void readPropertyMultipleRequestAndAckWithAPropertyError() {
        toServer(unicast("0005 07 0e 0c00000001 1e 0955 0975 1f"));
        toClient(unicast("30 07 0e 0c00000001 1e 2955 4e 4442dc0000 4f 2975 5e 9102 9120 5f 1f"));
        BacnetDetail d = out.onlyDetail();
        assertThat(d.request().items()).extracting(PropertyItem::propertyName)
                .containsExactly("present-value", "units");
        assertThat(d.response().items()).hasSize(2);
        assertThat(d.response().items().get(0).value()).isEqualTo("110.000000");
        assertThat(d.response().items().get(1).accessError()).isTrue();
        assertThat(fields(d)).containsEntry("error_class", 2L).containsEntry("error_code", 32L)
                .containsEntry("property_count", 2L);
    }

    @Test
    void writePropertyMultiple() {
        toServer(unicast("0005 09 10 0c00400065 1e 0955 2e 4442c80000 2f 3a0010 1f"));
        toClient(unicast("20 09 10"));
        BacnetDetail d = out.onlyDetail();
        assertThat(out.only().action()).isEqualTo("write_property_multiple");
        assertThat(d.values()).containsExactly("100.000000");
        assertThat(fields(d)).containsEntry("priority", 16L);
    }

    @Test
    void reinitializeDeviceRefusedForItsPassword() {
        toServer(unicast("0005 03 14 0901 1d0900 66696c6973746572")); // warmstart, password "filister"
        toClient(unicast("50 03 14 9105 911a")); // error services: password-failure
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("reinitialize_device");
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(e.errorMessage()).isEqualTo("services: password-failure");
        assertThat(fields((BacnetDetail) e.detail())).containsEntry("reinitialized_state", 1L)
                .containsEntry("reinitialized_state_name", "warmstart").containsEntry("password_present", true)
                .containsEntry("error", "services: password-failure").doesNotContainValue("filister");
    }

    @Test
    void deviceCommunicationControlWithDuration() {
        toServer(unicast("0005 04 11 0901 1901")); // 1 minute, disable, no password
        toClient(unicast("20 04 11"));
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("device_communication_control");
        assertThat(e.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(fields((BacnetDetail) e.detail())).containsEntry("duration_minutes", 1L)
                .containsEntry("enable_disable_name", "disable").containsEntry("password_present", false);
    }

    @Test
    void atomicReadAndWriteFile() {
        toServer(unicast("0005 05 06 c402800001 0e 3100 22 0400 0f")); // file 1, stream from 0, 1024 octets
        toClient(unicast("30 05 06 11 0e 3100 6504 01020304 0f")); // EOF, start 0, 4 octets
        toServer(unicast("0005 06 07 c402800001 0e 3100 6503 0a0b0c 0f"));
        toClient(unicast("30 06 07 0900"));
        assertThat(out.events).extracting(OtEvent::action).containsExactly("atomic_read_file", "atomic_write_file");
        assertThat(out.events).extracting(OtEvent::category).containsOnly(EventCategory.PROGRAM);
        assertThat(fields((BacnetDetail) out.events.get(0).detail())).containsEntry("file_count", 1024L)
                .containsEntry("end_of_file", true).containsEntry("file_data_length", 4L)
                .containsEntry("object_type_name", "file");
        assertThat(fields((BacnetDetail) out.events.get(1).detail())).containsEntry("file_count", 3L)
                .containsEntry("file_start_position", 0L);
    }

    @Test
    void subscribeCovAndNotification() {
        toServer(unicast("0005 0a 05 0912 1c00000001 2901 3a012c"));
        toClient(unicast("20 0a 05"));
        toClient(broadcast("1002 0912 1c02000001 2c00000001 3a012c 4e 0955 2e 4442dc0000 2f 096f 2e 820400 2f 4f"));
        assertThat(out.events).extracting(OtEvent::action)
                .containsExactly("subscribe_cov", "unconfirmed_cov_notification");
        assertThat(fields((BacnetDetail) out.events.get(0).detail())).containsEntry("process_id", 18L)
                .containsEntry("issue_confirmed_notifications", true).containsEntry("lifetime", 300L);
        BacnetDetail n = (BacnetDetail) out.events.get(1).detail();
        assertThat(n.values()).containsExactly("110.000000", "FFFF");
        assertThat(fields(n)).containsEntry("initiating_device", 1L).containsEntry("time_remaining", 300L);
    }

    @Test
    void rejectAndAbortAnswerTheirRequests() {
        toServer(unicast("0005 0b 0c 0c00000001 194d"));
        toClient(unicast("60 0b 09"));
        toServer(unicast("0005 0c 0c 0c00000001 194d"));
        toClient(unicast("71 0c 04"));
        assertThat(out.events).extracting(OtEvent::errorMessage)
                .containsExactly("rejected: unrecognized-service", "aborted: segmentation-not-supported");
        assertThat(out.events).extracting(OtEvent::action).containsOnly("read_property");
    }

    @Test
    void answerWithoutItsRequestIsReportedAlone() {
        toClient(unicast("60 21 09"));
        OtEvent e = out.only();
        assertThat(e.action()).isEqualTo("reject");
        assertThat(e.durationMicros()).isEqualTo(-1);
        assertThat(((BacnetDetail) e.detail()).request()).isNull();
    }

    @Test
    void unansweredRequestsAreReportedAtCloseAndRetriesReplaceThem() {
        toServer(unicast("0005 01 0c 0c00000001 194d"));
        toServer(unicast("0005 01 0c 0c00000001 194d")); // retry: the first is reported unanswered
        assertThat(out.events).singleElement().extracting(OtEvent::outcome).isEqualTo(Outcome.UNKNOWN);
        decoder.onClose(9_000);
        assertThat(out.events).hasSize(2);
        assertThat(decoder.pendingCount()).isZero();
    }

    @Test
    void thePendingTableIsBounded() {
        for (int i = 0; i < 256; i++) {
            toServer(unicast(String.format("0005 %02x 0c 0c00000001 194d", i)));
        }
        send(Direction.TO_CLIENT, unicast("0005 00 0c 0c00000001 194d"), 2_000); // the other side's requests
        assertThat(decoder.pendingCount()).isEqualTo(BacnetDecoder.MAX_PENDING);
        assertThat(out.events).hasSize(1); // the oldest went out unanswered
    }

    @Test
    void theAnswerMustComeFromTheOtherSide() {
        toServer(unicast("0005 01 0c 0c00000001 194d"));
        toServer(unicast("20 01 0c")); // same invoke id, same direction: not an answer to that request
        assertThat(out.events).singleElement().satisfies(e -> {
            assertThat(((BacnetDetail) e.detail()).request()).isNull();
        });
        assertThat(decoder.pendingCount()).isEqualTo(1);
    }

    // ---- segmentation

    @Test
    void segmentedComplexAckIsJoinedAndSegmentAcksAreReported() {
        toServer(unicast("0205 5e 0c 0c020000fe 194c")); // object-list, segmented response accepted
        // the ack split after the first object identifier value: 3 segments
        toClient(unicast("3c 5e 00 02 0c 0c020000fe 194c 3e c400c000"));
        toServer(unicast("40 5e 00 02"));
        toClient(unicast("3c 5e 01 02 0c 00 c400c000"));
        toClient(unicast("38 5e 02 02 0c 01 c4020000fe 3f"));
        toServer(unicast("40 5e 02 02"));
        assertThat(out.malformed).isEmpty();
        assertThat(out.events).extracting(OtEvent::action)
                .containsExactly("segment_ack", "read_property", "segment_ack");
        BacnetDetail d = (BacnetDetail) out.events.get(1).detail();
        assertThat(d.response().segmentCount()).isEqualTo(3);
        assertThat(d.values()).containsExactly("binary-input: 0", "binary-input: 1", "device: 254");
    }

    @Test
    void segmentOutOfOrderIsReported() {
        toClient(unicast("3c 5e 00 02 0c 0c020000fe 194c 3e"));
        toClient(unicast("3c 5e 02 02 0c c4008000"));
        assertThat(out.malformed).extracting(BacnetOutput.Malformed::reason)
                .anySatisfy(r -> assertThat(r).contains("segment 2 of invoke id 94 where segment 1 was expected"));
    }

    @Test
    void unfinishedSegmentedMessageIsReportedAtClose() {
        toClient(unicast("3c 5e 00 02 0c 0c020000fe 194c 3e"));
        decoder.onClose(5);
        assertThat(out.malformed).singleElement().satisfies(m ->
                assertThat(m.reason()).contains("ended after 1 segments without its last"));
    }

    // ---- BVLC and network layer

    @Test
    void forwardedNpduKeepsTheOriginatingAddress() {
        toServer(bvlc(0x04, "c0a80018bac0 0100 1008"));
        assertThat(fields(out.onlyDetail())).containsEntry("originating_address", "192.168.0.24:47808")
                .containsEntry("bvlc_function", 4L);
    }

    @Test
    void bvlcOnlyFunctions() {
        toServer(bvlc(0x05, "003c")); // Register-Foreign-Device, TTL 60
        toClient(bvlc(0x00, "0030")); // BVLC-Result: Register-Foreign-Device NAK
        toServer(bvlc(0x02, "")); // Read-BDT
        toClient(bvlc(0x03, "c0a80001bac0ffffff00")); // one entry
        assertThat(out.events).extracting(OtEvent::action).containsExactly("register_foreign_device",
                "bvlc_result", "read_broadcast_distribution_table", "read_broadcast_distribution_table_ack");
        assertThat(out.events.get(1).outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(out.events.get(1).errorMessage()).isEqualTo("BVLC-Result 0x0030: Register-Foreign-Device NAK");
        assertThat(fields((BacnetDetail) out.events.get(0).detail())).containsEntry("time_to_live", 60L);
        assertThat(fields((BacnetDetail) out.events.get(3).detail())).containsEntry("bdt_entries", 1L);
    }

    @Test
    void aBvlcResultSaysWhatWasRefusedOrThatItsCodeIsUndefined() {
        toClient(bvlc(0x00, "0000"));
        toClient(bvlc(0x00, "0060"));
        toClient(bvlc(0x00, "0070"));
        assertThat(out.events).extracting(OtEvent::outcome)
                .containsExactly(Outcome.SUCCESS, Outcome.FAILURE, Outcome.FAILURE);
        assertThat(out.events).extracting(OtEvent::errorMessage).containsExactly(null,
                "BVLC-Result 0x0060: Distribute-Broadcast-To-Network NAK",
                "BVLC-Result 0x0070 is not a defined result code");
    }

    @Test
    void routedNpduAndNetworkLayerMessages() {
        // DNET 0xffff (global broadcast) DLEN 0, hop count 255, network message Who-Is-Router-To-Network
        toServer(bvlc(0x0B, "01a0 ffff00 ff 00"));
        // SNET 3 SLEN 1 SADR 1d, confirmed request behind it
        toServer(bvlc(0x0A, "0108 0003011d 0005 01 0c 0c00000001 194d"));
        toClient(bvlc(0x0A, "0120 0003011d ff 30 01 0c 0c00000001 194d 3e 4400000000 3f"));
        assertThat(out.events).extracting(OtEvent::action)
                .containsExactly("who_is_router_to_network", "read_property");
        assertThat(fields((BacnetDetail) out.events.get(0).detail())).containsEntry("dnet", 65535L)
                .containsEntry("hop_count", 255L).containsEntry("network_message_type", 0L)
                .containsEntry("dadr", "");
        assertThat(fields((BacnetDetail) out.events.get(1).detail())).containsEntry("snet", 3L)
                .containsEntry("sadr", "1d");
    }

    // ---- malformed and foreign datagrams

    @Test
    void bvlcLengthBeyondTheDatagramIsReportedButStillRead() {
        byte[] d = unicast("1008");
        d[3] = (byte) 60;
        toServer(d);
        assertThat(out.malformed).singleElement().satisfies(m -> {
            assertThat(m.reason()).isEqualTo("BVLC length 60 exceeds the 8-byte datagram");
            assertThat(m.event().action()).isEqualTo("who_is");
        });
    }

    @Test
    void unknownBvlcFunctionAndApduTypeAndNpduVersion() {
        toServer(hex("81 0a 0004")); // no NPDU
        toServer(hex("81 20 0004"));
        toServer(bvlc(0x0A, "0200 1008"));
        toServer(unicast("f0 00"));
        toServer(bvlc(0x0A, "0120 0003 09")); // DLEN 9 with nothing left
        assertThat(out.malformed).extracting(BacnetOutput.Malformed::reason).containsExactly(
                "NPDU cut short at byte 4: 0 of 2 bytes", "unknown BVLC function 0x20",
                "NPDU protocol version 2 at byte 4 is not 1", "unknown APDU type 15 at byte 6",
                "NPDU DLEN 9 exceeds the 0 bytes left");
    }

    @Test
    void truncatedServiceParametersAreReportedAsTheService() {
        toServer(unicast("0005 01 0c 0c000000")); // object identifier cut short
        toClient(unicast("20 01 0c"));
        assertThat(out.malformed).singleElement().satisfies(m -> {
            assertThat(m.event().action()).isEqualTo("read_property");
            assertThat(m.reason()).contains("tag 0 at byte 0 claims 4 bytes but 3 remain");
        });
    }

    @Test
    void oversizedExtendedLengthIsCaught() {
        toServer(broadcast("1001 c4020000fe c400c00004 75ff7fffffff00"));
        assertThat(out.malformed).singleElement().satisfies(m -> assertThat(m.reason()).contains("claims"));
    }

    @Test
    void notBacnetOnTheFirstDatagramDetachesTheDecoder() {
        toServer("GET / HTTP/1.1\r\n".getBytes());
        assertThat(out.notThisProtocol).singleElement().asString().contains("BVLC type 0x47");

        // Once disowned, the flow is not BACnet: later datagrams, even well-formed ones, are not reported.
        toServer(unicast("1008"));
        decoder.onClose(2_000);
        assertThat(out.events).isEmpty();
        assertThat(out.malformed).isEmpty();
        assertThat(out.notThisProtocol).hasSize(1);
    }

    @Test
    void factoryRecognisesOnlyExactBvlcHeaders() {
        BacnetDecoderFactory f = new BacnetDecoderFactory();
        byte[] ok = broadcast("1008");
        assertThat(f.recognizes(false, Direction.TO_SERVER, ok, 0, ok.length)).isTrue();
        assertThat(f.recognizes(true, Direction.TO_SERVER, ok, 0, ok.length)).isFalse();
        assertThat(f.recognizes(false, Direction.TO_SERVER, ok, 0, ok.length - 1)).isFalse();
        byte[] badFunction = ok.clone();
        badFunction[1] = 0x0D;
        assertThat(f.recognizes(false, Direction.TO_SERVER, badFunction, 0, ok.length)).isFalse();
        byte[] badType = ok.clone();
        badType[0] = (byte) 0x82;
        assertThat(f.recognizes(false, Direction.TO_SERVER, badType, 0, ok.length)).isFalse();
        assertThat(f.udpPorts()).contains(47808, 47823).hasSize(16);
        assertThat(f.tcpPorts()).isEmpty();
        assertThat(f.protocol()).isEqualTo("bacnet");
    }
}
