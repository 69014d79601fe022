package io.otsoc.collector.flow;

import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A decoder factory for tests: every decoder logs its calls, as {@code <client port> <call>}, into one list. */
public final class RecordingFactory implements ProtocolDecoderFactory {

    public final List<String> log = new ArrayList<>();
    public final List<FlowRef> flows = new ArrayList<>();
    private final String protocol;
    private final int[] tcp;
    private final int[] udp;
    private final String signature;
    /** Payloads shown to {@link #recognizes}. */
    public int probes;

    public RecordingFactory(String protocol, int[] tcp, int[] udp) {
        this(protocol, tcp, udp, null);
    }

    /** A factory that recognises payloads starting with {@code signature} on any port. */
    public RecordingFactory(String protocol, int[] tcp, int[] udp, String signature) {
        this.protocol = protocol;
        this.tcp = tcp;
        this.udp = udp;
        this.signature = signature;
    }

    @Override
    public boolean recognizes(boolean tcp, Direction direction, byte[] buf, int offset, int length) {
        probes++;
        return signature != null
                && new String(buf, offset, length, StandardCharsets.ISO_8859_1).startsWith(signature);
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public int[] tcpPorts() {
        return tcp;
    }

    @Override
    public int[] udpPorts() {
        return udp;
    }

    @Override
    public ProtocolDecoder create(FlowRef flow, DecoderOutput output) {
        flows.add(flow);
        String who = flow.clientPort() + " ";
        return new ProtocolDecoder() {
            @Override
            public void onData(Direction direction, byte[] buf, int offset, int length, long ts) {
                log.add(who + direction + " " + new String(buf, offset, length, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void onGap(Direction direction, long missingBytes, long ts) {
                log.add(who + direction + " gap " + missingBytes);
            }

            @Override
            public void onClose(long ts) {
                log.add(who + "close@" + ts);
            }
        };
    }
}
