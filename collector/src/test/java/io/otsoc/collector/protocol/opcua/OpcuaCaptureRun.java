package io.otsoc.collector.protocol.opcua;

import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;
import io.otsoc.collector.testing.SharedFixtures;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one shared OPC UA capture through a real {@link Collector} with the OPC UA decoder, wrapped so that the time
 * of each flow's first TCP gap is known (ICSNPP's analyzer stops decoding a connection at its first gap).
 */
final class OpcuaCaptureRun {

    final List<OtEvent> events = new ArrayList<>();
    final Map<String, Long> firstGapMicros = new HashMap<>();
    CollectorStats stats;

    static OpcuaCaptureRun of(String capture) {
        OpcuaCaptureRun run = new OpcuaCaptureRun();
        OpcuaDecoderFactory real = new OpcuaDecoderFactory();
        ProtocolDecoderFactory watching = new ProtocolDecoderFactory() {
            @Override
            public String protocol() {
                return real.protocol();
            }

            @Override
            public int[] tcpPorts() {
                return real.tcpPorts();
            }

            @Override
            public int[] udpPorts() {
                return real.udpPorts();
            }

            @Override
            public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
                return real.recognizes(tcp, direction, buf, offset, length);
            }

            @Override
            public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
                ProtocolDecoder d = real.create(flow, output);
                return new ProtocolDecoder() {
                    @Override
                    public void onData(Direction direction, byte[] buf, int offset, int length, long ts) {
                        d.onData(direction, buf, offset, length, ts);
                    }

                    @Override
                    public void onGap(Direction direction, long missingBytes, long ts) {
                        run.firstGapMicros.putIfAbsent(key(flow), ts);
                        d.onGap(direction, missingBytes, ts);
                    }

                    @Override
                    public void onClose(long ts) {
                        d.onClose(ts);
                    }
                };
            }
        };
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap("opcua/" + capture)))) {
            run.stats = new Collector(CollectorConfig.defaults(), DecoderRegistry.of(watching)).run(source, r -> {
                if (r instanceof OtEvent e && e.protocol().equals(OpcuaDecoder.PROTOCOL)) {
                    run.events.add(e);
                }
            });
        }
        return run;
    }

    static String key(FlowRef f) {
        return f.clientIp() + ":" + f.clientPort() + ">" + f.serverIp() + ":" + f.serverPort();
    }
}
