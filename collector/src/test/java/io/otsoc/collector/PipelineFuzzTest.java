package io.otsoc.collector;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.LinkTypes;
import io.otsoc.collector.protocol.DecoderRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the per-frame path (dissector, fragment reassembly, flow table, TCP reassembly) with arbitrary frames:
 * nothing may throw and every frame must be counted once. Runs its seeds under {@code mvn test};
 * {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class PipelineFuzzTest {

    private static final int[] LINK_TYPES = {LinkTypes.ETHERNET, LinkTypes.NULL, LinkTypes.RAW, LinkTypes.LINUX_SLL,
            LinkTypes.LINUX_SLL2, LinkTypes.IPV4, LinkTypes.IPV6};

    private static final DecoderRegistry REGISTRY = DecoderRegistry.of(new CollectorCapturesTest.FakeFactory());

    @FuzzTest(maxDuration = "30s")
    void anyFramesAreCountedNeverThrown(FuzzedDataProvider data) {
        Collector collector = new Collector(new CollectorConfig(64, 1_000_000L, 1024, 4, "fuzz"), REGISTRY);
        Collector.Session session = collector.session(r -> { });
        Frame frame = new Frame();
        int n = 0;
        while (data.remainingBytes() > 2 && n < 64) {
            int linkType = data.pickValue(LINK_TYPES);
            long ts = data.consumeLong(0, 1L << 40);
            byte[] bytes = data.consumeBytes(data.consumeInt(0, 2000));
            int original = bytes.length + (data.consumeBoolean() ? data.consumeInt(0, 1500) : 0);
            frame.set(bytes, 0, bytes.length, original, ts, linkType, ++n);
            session.onFrame(frame);
        }
        CollectorStats s = session.finish();
        assertThat(s.tcp() + s.udp() + s.otherIp() + s.nonIp() + s.fragmentsHeld() + s.skippedFrames())
                .isEqualTo(s.frames());
        assertThat(s.decoderErrors()).isEmpty();
    }
}
