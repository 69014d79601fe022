package io.otsoc.collector;

import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.capture.LinkTypes;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderRegistry;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static io.otsoc.collector.dissect.TestFrames.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input never stops the pipeline: 300,000 frames made by corrupting valid ones (bytes flipped, cut, extended,
 * wrong link type), with a fixed seed so that a failure can be replayed.
 */
class CollectorRobustnessTest {

    private static final int[] LINK_TYPES = {LinkTypes.ETHERNET, LinkTypes.NULL, LinkTypes.RAW, LinkTypes.LINUX_SLL,
            LinkTypes.LINUX_SLL2, LinkTypes.IPV4, LinkTypes.IPV6, 147};

    @Test
    void corruptedFramesAreCountedNeverThrown() {
        byte[] payload = {0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10}; // a Modbus/TCP read request
        List<byte[]> seeds = List.of(
                ethernet(MAC_B, MAC_A, 0x0800, ipv4("10.0.0.1", "10.0.0.2", 6,
                        tcp(40000, 502, 1, 1, Packet.TCP_ACK | Packet.TCP_PSH, payload))),
                concat(mac(MAC_B), mac(MAC_A), tag(0x88a8, 10), tag(0x8100, 20), u16(0x0800),
                        ipv4("10.0.0.1", "10.0.0.2", 17, udp(1024, 20000, payload))),
                ipv6("2001:db8::1", "2001:db8::2", 0, concat(ipv6Extension(44, 0), ipv6Fragment(6, 0, true, 7),
                        tcp(40000, 502, 1, 1, Packet.TCP_SYN, payload))),
                ipv4Fragment("10.0.0.1", "10.0.0.2", 17, 3, 0, true, Arrays.copyOf(udp(1, 34964, payload), 16)),
                concat(u16(0), u16(1), u16(6), mac(MAC_A), new byte[2], u16(0x0800),
                        ipv4("10.0.0.1", "10.0.0.2", 17, udp(5000, 47808, payload))),
                concat(new byte[]{2, 0, 0, 0}, ipv4("127.0.0.1", "127.0.0.1", 6,
                        tcp(4840, 50000, 9, 9, Packet.TCP_FIN | Packet.TCP_ACK, payload))));
        CollectorStats s = null;
        Random random = new Random(20261125L);
        AtomicLong events = new AtomicLong();
        AtomicLong assets = new AtomicLong();
        Collector collector = new Collector(new CollectorConfig(1000, 5_000_000L, 4096, 8, "test"),
                DecoderRegistry.of(new CollectorCapturesTest.FakeFactory()));
        Collector.Session session = collector.session(r -> {
            if (r instanceof OtEvent) {
                events.incrementAndGet();
            } else if (r instanceof Asset) {
                assets.incrementAndGet();
            }
        });
        Frame frame = new Frame();
        for (int i = 0; i < 300_000; i++) {
            byte[] seed = seeds.get(random.nextInt(seeds.size()));
            int linkType = i % 7 == 0 ? LINK_TYPES[random.nextInt(LINK_TYPES.length)]
                    : seed == seeds.get(0) || seed == seeds.get(1) ? LinkTypes.ETHERNET
                    : seed == seeds.get(4) ? LinkTypes.LINUX_SLL : seed == seeds.get(5) ? LinkTypes.NULL
                    : LinkTypes.RAW;
            byte[] data = mutate(seed, random);
            int captured = random.nextInt(8) == 0 ? random.nextInt(data.length + 1) : data.length;
            int original = random.nextInt(8) == 0 ? captured + random.nextInt(100) : captured;
            frame.set(data, 0, captured, original, i * 1000L, linkType, i + 1);
            session.onFrame(frame);
        }
        s = session.finish();
        assertThat(s.frames()).isEqualTo(300_000);
        assertThat(s.tcp() + s.udp() + s.otherIp() + s.nonIp() + s.fragmentsHeld() + s.skippedFrames())
                .isEqualTo(s.frames());
        assertThat(s.decoderErrors()).isEmpty();
        assertThat(s.totalEvents()).isEqualTo(events.get());
        assertThat(s.assets()).isEqualTo(assets.get());
        assertThat(s.skipped().size()).as("many kinds of damage were seen").isGreaterThan(8);
        assertThat(s.tcp()).isPositive();
        assertThat(s.udp()).isPositive();
        assertThat(s.peakActiveFlows()).isLessThanOrEqualTo(1000);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] data = seed.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                int flips = 1 + random.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> data = Arrays.copyOf(data, random.nextInt(data.length + 1));
            case 2 -> {
                data = Arrays.copyOf(data, data.length + random.nextInt(64));
                data[random.nextInt(data.length)] ^= (byte) (1 << random.nextInt(8));
            }
            default -> {
                // Unchanged, but random ports and addresses so that flows come and go.
                if (data.length > 40) {
                    data[data.length - 20] = (byte) random.nextInt(256);
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
            }
        }
        return data;
    }
}
