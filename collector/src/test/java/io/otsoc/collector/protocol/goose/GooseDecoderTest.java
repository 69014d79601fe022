package io.otsoc.collector.protocol.goose;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.otsoc.collector.protocol.goose.GooseWire.frame;
import static org.assertj.core.api.Assertions.assertThat;

class GooseDecoderTest {

    private final GooseWire.Recording out = new GooseWire.Recording();
    private final GooseDecoder decoder = new GooseDecoder(out);
    private long clock = 1_000;

    private void feed(byte[] payload) {
        byte[] padded = new byte[payload.length + 4];
        System.arraycopy(payload, 0, padded, 1, payload.length);
        decoder.onFrame(new GooseWire.Frame(clock += 1_000), padded, 1, payload.length);
    }

    private List<String> actions() {
        return out.events.stream().map(OtEvent::action).toList();
    }

    private static GooseDetail detail(OtEvent e) {
        return (GooseDetail) e.detail();
    }

    @Test
    void firstFrameIsDecodedAndReported() {
        feed(frame(7, 0, false, 0));
        OtEvent e = out.events.get(0);
        assertThat(e.action()).isEqualTo("publisher_seen");
        assertThat(e.category()).isEqualTo(EventCategory.DISCOVERY);
        GooseDetail d = detail(e);
        assertThat(d.appId()).isEqualTo(0x3001);
        assertThat(d.gocbRef()).isEqualTo(GooseWire.GOCB);
        assertThat(d.datSet()).isEqualTo("IED1/LLN0$DS1");
        assertThat(d.goId()).isEqualTo("IED1_GOOSE");
        assertThat(d.timeAllowedToLive()).isEqualTo(2000);
        assertThat(d.t()).isEqualTo("2000-01-02T02:46:11.258165Z");
        assertThat(d.tQuality()).isEqualTo(0x0a);
        assertThat(d.stNum()).isEqualTo(7);
        assertThat(d.sqNum()).isZero();
        assertThat(d.test()).isFalse();
        assertThat(d.simulation()).isFalse();
        assertThat(d.confRev()).isEqualTo(1);
        assertThat(d.numDatSetEntries()).isEqualTo(2);
        assertThat(d.entryCount()).isEqualTo(2);
        assertThat(d.values()).containsExactly("false", "true");
        assertThat(e.flow().serverMac()).isEqualTo("01:0c:cd:01:00:00");
    }

    @Test
    void repetitionsAreCountedAndStateChangesReported() {
        feed(frame(1, 0, false, 0));
        for (int sq = 1; sq <= 50; sq++) {
            feed(frame(1, sq, false, 0));
        }
        assertThat(actions()).containsExactly("publisher_seen");
        feed(frame(2, 0, false, 0));
        OtEvent change = out.events.get(1);
        assertThat(change.action()).isEqualTo("state_change");
        assertThat(change.category()).isEqualTo(EventCategory.CONTROL);
        assertThat(detail(change).previousStNum()).isEqualTo(1);
        assertThat(detail(change).previousSqNum()).isEqualTo(50);
        assertThat(detail(change).framesSinceEvent()).isEqualTo(50);
        decoder.onClose(clock);
        OtEvent summary = out.events.get(2);
        assertThat(summary.action()).isEqualTo("publisher_summary");
        assertThat(detail(summary).frameCount()).isEqualTo(52);
        assertThat(decoder.publisherCount()).isZero();
    }

    @Test
    void sequenceRegressionAndFlagFlipsAreReported() {
        feed(frame(3, 10, false, 0));
        feed(frame(3, 11, false, 0));
        feed(frame(3, 4, false, 0));
        feed(frame(3, 5, true, 0));
        feed(frame(3, 6, true, 0x8000));
        feed(frame(GooseWire.GOCB, 3, 7, true, 0x8000, 2, 2, 2));
        assertThat(actions()).containsExactly("publisher_seen", "sequence_regression", "test_mode_change",
                "simulation_change", "configuration_change");
        assertThat(out.events.get(1).outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(detail(out.events.get(3)).simulation()).isTrue();
    }

    @Test
    void sequenceWrapIsNotARegression() {
        assertThat(GooseDecoder.regressed(0xFFFF_FFFFL, 0)).isFalse();
        assertThat(GooseDecoder.regressed(12, 1)).isTrue();
        assertThat(GooseDecoder.regressed(1, 1)).isFalse();
    }

    @Test
    void publishersAreBounded() {
        for (int i = 0; i < GooseDecoder.MAX_PUBLISHERS + 10; i++) {
            feed(frame("IED" + i + "/LLN0$GO$gcb", 1, 0, false, 0, 1, 2, 2));
        }
        assertThat(decoder.publisherCount()).isEqualTo(GooseDecoder.MAX_PUBLISHERS);
    }

    @Test
    void badLengthsAreMalformedWithTheReason() {
        byte[] good = frame(1, 0, false, 0);
        feed(Arrays.copyOf(good, 5));
        byte[] longLength = good.clone();
        longLength[3] = (byte) 0xF0;
        longLength[2] = 0;
        feed(longLength);
        byte[] shortLength = good.clone();
        shortLength[2] = 0;
        shortLength[3] = 4;
        feed(shortLength);
        byte[] badTag = good.clone();
        badTag[8] = 0x62;
        feed(badTag);
        byte[] badInner = good.clone();
        badInner[11] = 0x7F; // gocbRef length beyond the PDU
        feed(badInner);
        feed(frame(GooseWire.GOCB, 1, 0, false, 0, 1, 3, 2));
        assertThat(out.events).allMatch(OtEvent::malformed).allMatch(e -> e.outcome() == Outcome.FAILURE);
        assertThat(out.events.stream().map(OtEvent::errorMessage)).containsExactly(
                "GOOSE header truncated: 5 bytes, the APPID/Length/Reserved header takes 8",
                "GOOSE Length 240 at offset 2 exceeds the " + good.length + "-byte frame payload",
                "GOOSE Length 4 at offset 2 is shorter than its own 8-byte header",
                "goosePdu tag 0x62 at offset 8 is not [APPLICATION 1] (0x61)",
                "goosePdu field tag 0x80 at offset 10: length 127 exceeds the " + (good.length - 12)
                        + " bytes its parent leaves",
                "numDatSetEntries 3 differs from the 2 entries of allData");
    }

    @Test
    void ethernetPaddingAfterTheLengthIsIgnored() {
        feed(Arrays.copyOf(frame(1, 0, false, 0), 200));
        assertThat(out.events).singleElement().matches(e -> !e.malformed());
    }

    @Test
    void malformedReportsAreBounded() {
        for (int i = 0; i < GooseDecoder.MAX_MALFORMED + 30; i++) {
            feed(new byte[] {0, 1, 2});
        }
        assertThat(out.events).hasSize(GooseDecoder.MAX_MALFORMED);
        decoder.onClose(clock);
        assertThat(out.events).hasSize(GooseDecoder.MAX_MALFORMED + 1);
        assertThat(out.events.get(GooseDecoder.MAX_MALFORMED).errorMessage())
                .isEqualTo("30 further malformed GOOSE frames were counted, not reported");
    }
}
