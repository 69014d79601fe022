package io.otsoc.collector.bench;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.Frame;
import io.otsoc.collector.dissect.Dissector;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;
import io.otsoc.collector.testing.Pcap4jTestSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Informal throughput of the per-frame path (not a test): loads captures into memory, then replays them many
 * times, shifting time by an hour per pass so that flows time out and are rebuilt, through (1) the dissector alone
 * and (2) a whole collector session with a decoder that only counts bytes on the captures' server ports.
 * Usage: {@code FlowPathBench <capture>... }
 */
public final class FlowPathBench {

    record Stored(byte[] data, int originalLength, long ts, int linkType) {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--new-flows")) {
            manyFlows();
            return;
        }
        List<Stored> frames = new ArrayList<>();
        for (String a : args) {
            try (Pcap4jTestSource source = new Pcap4jTestSource(Path.of(a))) {
                source.run(f -> frames.add(new Stored(java.util.Arrays.copyOfRange(f.data(), f.offset(),
                        f.offset() + f.capturedLength()), f.originalLength(), f.timestampMicros(), f.linkType())));
            }
        }
        int passes = Math.max(1, 3_000_000 / frames.size());
        System.out.printf("%d frames loaded, %d passes per run%n", frames.size(), passes);
        for (int round = 0; round < 5; round++) {
            dissectOnly(frames, passes);
            pipeline(frames, passes);
        }
    }

    private static void dissectOnly(List<Stored> frames, int passes) {
        Dissector d = new Dissector();
        Packet p = new Packet();
        Frame f = new Frame();
        long n = 0;
        long sink = 0;
        long t0 = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            long shift = pass * 3_600_000_000L;
            for (Stored s : frames) {
                f.set(s.data, 0, s.data.length, s.originalLength, s.ts + shift, s.linkType, ++n);
                sink += d.dissect(f, p).ordinal() + p.payloadLength();
            }
        }
        long t = System.nanoTime() - t0;
        System.out.printf("dissect only: %,.0f frames/s (%d)%n", n * 1e9 / t, sink & 1);
    }

    private static void pipeline(List<Stored> frames, int passes) {
        long[] bytes = {0};
        ProtocolDecoderFactory counting = new ProtocolDecoderFactory() {
            public String protocol() {
                return "counting";
            }

            public int[] tcpPorts() {
                return new int[]{502, 102, 44818, 20000, 2404};
            }

            public int[] udpPorts() {
                return new int[]{34964, 47808, 20000};
            }

            public ProtocolDecoder create(FlowRef flow, DecoderOutput out) {
                return new ProtocolDecoder() {
                    public void onData(Direction d, byte[] b, int o, int l, long ts) {
                        bytes[0] += l;
                    }

                    public void onGap(Direction d, long m, long ts) {
                    }

                    public void onClose(long ts) {
                    }
                };
            }
        };
        Collector collector = new Collector(CollectorConfig.defaults(), DecoderRegistry.of(counting));
        Collector.Session session = collector.session(r -> { });
        Frame f = new Frame();
        long n = 0;
        for (int pass = 0; pass < passes; pass++) {
            long shift = pass * 3_600_000_000L;
            for (Stored s : frames) {
                f.set(s.data, 0, s.data.length, s.originalLength, s.ts + shift, s.linkType, ++n);
                session.onFrame(f);
            }
        }
        CollectorStats stats = session.finish();
        System.out.printf("whole pipeline: %,.0f frames/s, %d flows, %d MB to decoders, %d gaps%n",
                stats.framesPerSecond(), stats.flowsCreated(), bytes[0] >> 20, stats.tcpGaps());
    }

    /** 100,000 UDP flows of 10 datagrams each, interleaved: flow creation (FlowRef, Community ID) dominates. */
    private static void manyFlows() {
        List<Stored> frames = new ArrayList<>();
        byte[] payload = new byte[20];
        for (int i = 0; i < 1_000_000; i++) {
            int flow = (int) ((i * 7919L) % 100_000);
            String src = "10." + (flow >> 16 & 0xff) + "." + (flow >> 8 & 0xff) + "." + (flow & 0xff);
            Frame f = io.otsoc.collector.dissect.TestFrames.udpFrame(src, 1024 + (flow & 0x3fff), "10.255.0.1",
                    34964, payload, i);
            frames.add(new Stored(f.data(), f.originalLength(), i, f.linkType()));
        }
        for (int round = 0; round < 4; round++) {
            pipeline(frames, 1);
        }
    }
}
