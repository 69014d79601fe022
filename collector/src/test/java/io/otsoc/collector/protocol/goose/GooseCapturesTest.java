package io.otsoc.collector.protocol.goose;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared GOOSE captures (no oracle) through the real {@link Collector}: no decoder error, no malformed frame,
 * and the fields of the first frames pinned after reading them byte by byte (and as tshark's GOOSE dissector shows
 * them).
 */
class GooseCapturesTest {

    static List<OtEvent> run(String capture, CollectorStats[] stats) {
        List<OtEvent> events = new ArrayList<>();
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats[0] = new Collector(CollectorConfig.defaults()).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(GooseDecoder.PROTOCOL)) {
                    events.add(e);
                }
            });
        }
        assertThat(stats[0].decoderErrors()).isEmpty();
        assertThat(stats[0].malformed()).doesNotContainKey(GooseDecoder.PROTOCOL);
        return events;
    }

    /**
     * Frame 1: APPID 0x0001, Length 145, goosePdu 0x61 0x81 0x86; gocbRef "GEDeviceF650/LLN0$GO$gcb01",
     * timeAllowedtoLive 0x009c40 = 40000, datSet "GEDeviceF650/LLN0$GOOSE1", goID "F650_GOOSE1", t 0x386ebbf3.421728
     * quality 0x0a = 2000-01-02 02:46:11.258165 UTC, stNum 1, sqNum 10, test false, confRev 1, ndsCom false,
     * 8 entries (boolean, bit-string pairs). Frames 2-3 repeat (sqNum 11, 12); frame 4 keeps stNum 1 but sqNum falls
     * back to 1 with a new t: reported as a sequence regression. 8 frames, 3 events.
     */
    @Test
    void gooseCaptureFirstFrameAndSequenceRegression() {
        CollectorStats[] stats = new CollectorStats[1];
        List<OtEvent> events = run("other/GOOSE.pcap", stats);
        assertThat(events).extracting(OtEvent::action)
                .containsExactly("publisher_seen", "sequence_regression", "publisher_summary");
        GooseDetail first = (GooseDetail) events.get(0).detail();
        assertThat(first.appId()).isEqualTo(1);
        assertThat(first.length()).isEqualTo(145);
        assertThat(first.gocbRef()).isEqualTo("GEDeviceF650/LLN0$GO$gcb01");
        assertThat(first.timeAllowedToLive()).isEqualTo(40000);
        assertThat(first.datSet()).isEqualTo("GEDeviceF650/LLN0$GOOSE1");
        assertThat(first.goId()).isEqualTo("F650_GOOSE1");
        assertThat(first.t()).isEqualTo("2000-01-02T02:46:11.258165Z");
        assertThat(first.stNum()).isEqualTo(1);
        assertThat(first.sqNum()).isEqualTo(10);
        assertThat(first.test()).isFalse();
        assertThat(first.confRev()).isEqualTo(1);
        assertThat(first.numDatSetEntries()).isEqualTo(8);
        assertThat(first.values()).containsExactly("false", "bits:030000", "false", "bits:030000", "false",
                "bits:030000", "false", "bits:030000");
        GooseDetail regression = (GooseDetail) events.get(1).detail();
        assertThat(regression.previousSqNum()).isEqualTo(12);
        assertThat(regression.sqNum()).isEqualTo(1);
        assertThat(regression.framesSinceEvent()).isEqualTo(2);
        assertThat(((GooseDetail) events.get(2).detail()).frameCount()).isEqualTo(8);
    }

    /**
     * Three publishers of the same APPID 0x3001 on the substation bus; the bay Q05 IED first (gocbRef
     * "AA1C1Q05A1LD0/LLN0$GO$gcb_A", datSet "...$InterlockingA", stNum 115, sqNum 140071, confRev 5, 25 entries),
     * and Q01 stepping its state from stNum 5867 to 5874 over 32 frames: 7 state changes.
     */
    @Test
    void substationSampleHasThreePublishersAndSevenStateChanges() {
        CollectorStats[] stats = new CollectorStats[1];
        List<OtEvent> events = run("other/Sample_File_MMS_and_GOOSE.pcap", stats);
        GooseDetail q05 = (GooseDetail) events.get(0).detail();
        assertThat(events.get(0).flow().clientMac()).isEqualTo("0a:bb:fe:10:c9:06");
        assertThat(q05.appId()).isEqualTo(0x3001);
        assertThat(q05.gocbRef()).isEqualTo("AA1C1Q05A1LD0/LLN0$GO$gcb_A");
        assertThat(q05.datSet()).isEqualTo("AA1C1Q05A1LD0/LLN0$InterlockingA");
        assertThat(q05.goId()).isEqualTo("InterlockingA");
        assertThat(q05.stNum()).isEqualTo(115);
        assertThat(q05.sqNum()).isEqualTo(140071);
        assertThat(q05.confRev()).isEqualTo(5);
        assertThat(q05.timeAllowedToLive()).isEqualTo(15000);
        assertThat(q05.entryCount()).isEqualTo(25);
        assertThat(events.stream().filter(e -> e.action().equals("publisher_seen"))).hasSize(3);
        List<OtEvent> changes = events.stream().filter(e -> e.action().equals("state_change")).toList();
        assertThat(changes).hasSize(7);
        assertThat(((GooseDetail) changes.get(6).detail()).stNum()).isEqualTo(5874);
        assertThat(events.stream().filter(e -> e.action().equals("publisher_summary"))
                .mapToLong(e -> ((GooseDetail) e.detail()).frameCount()).sum()).isEqualTo(34);
    }
}
