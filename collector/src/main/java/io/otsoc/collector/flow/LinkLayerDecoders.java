package io.otsoc.collector.flow;

import io.otsoc.collector.dissect.EtherTypes;
import io.otsoc.collector.dissect.Packet;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.protocol.LinkDecoder;
import io.otsoc.collector.protocol.LinkDecoderFactory;
import io.otsoc.collector.protocol.LinkDecoderOutput;
import io.otsoc.collector.protocol.LinkFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The session's link-layer decoders (ARP, LLDP, PROFINET DCP, GOOSE...), one per registered protocol, each given
 * the non-IP frames of its EtherTypes. Like {@link DecoderBinding} for flows it counts events and malformed
 * messages per protocol and guards the pipeline: a decoder that throws is counted, logged once and detached.
 */
public final class LinkLayerDecoders {

    private static final Logger LOG = LoggerFactory.getLogger(LinkLayerDecoders.class);

    /** Indexed by EtherType, plus the pseudo EtherType {@link EtherTypes#LLC} for 802.2 frames without SNAP EtherType. */
    private final Slot[] byEtherType = new Slot[EtherTypes.LLC + 1];
    private final Slot[] slots;
    private final Consumer<OtEvent> sink;
    private final FrameView view = new FrameView();

    public LinkLayerDecoders(DecoderRegistry registry, Consumer<OtEvent> sink) {
        this.sink = sink;
        var factories = registry.linkFactories();
        slots = new Slot[factories.size()];
        for (int i = 0; i < slots.length; i++) {
            LinkDecoderFactory f = factories.get(i);
            Slot slot = new Slot(f.protocol());
            slots[i] = slot;
            try {
                slot.decoder = f.create(slot);
            } catch (RuntimeException e) {
                slot.fail(e, "create");
                continue;
            }
            for (int type : f.etherTypes()) {
                if (type < 0 || type > EtherTypes.LLC) {
                    LOG.warn("link decoder {} registers invalid EtherType {}; ignored", f.protocol(), type);
                } else if (byEtherType[type] != null) {
                    LOG.warn("EtherType 0x{} is claimed by {} and {}; {} keeps it", Integer.toHexString(type),
                            byEtherType[type].protocol, f.protocol(), byEtherType[type].protocol);
                } else {
                    byEtherType[type] = slot;
                }
            }
        }
    }

    /** Hands a non-IP frame to the decoder of its EtherType, if any. */
    public void onFrame(Packet p) {
        int type = p.etherType();
        if (type < 0 || type > EtherTypes.LLC) {
            return;
        }
        Slot slot = byEtherType[type];
        if (slot == null || slot.decoder == null) {
            return;
        }
        view.packet = p;
        try {
            slot.decoder.onFrame(view, p.buffer(), p.payloadOffset(), p.payloadLength());
        } catch (SinkFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            slot.fail(e, "onFrame");
        } finally {
            view.packet = null;
        }
    }

    /** End of the session: each decoder reports what is pending. */
    public void closeAll(long timestampMicros) {
        for (Slot slot : slots) {
            if (slot.decoder == null) {
                continue;
            }
            try {
                slot.decoder.onClose(timestampMicros);
            } catch (SinkFailure e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                slot.fail(e, "onClose");
            }
            slot.decoder = null;
        }
    }

    /** Events emitted per protocol, malformed ones included. */
    public Map<String, Long> events() {
        return byName(s -> s.events);
    }

    public Map<String, Long> malformed() {
        return byName(s -> s.malformed);
    }

    /** Decoders that threw and were detached. */
    public Map<String, Long> decoderErrors() {
        return byName(s -> s.errors);
    }

    private Map<String, Long> byName(java.util.function.ToLongFunction<Slot> value) {
        Map<String, Long> m = new TreeMap<>();
        for (Slot s : slots) {
            long v = value.applyAsLong(s);
            if (v != 0) {
                m.merge(s.protocol, v, Long::sum);
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** One protocol's decoder and counters; also the output its decoder writes to. */
    private final class Slot implements LinkDecoderOutput {
        final String protocol;
        LinkDecoder decoder;
        long events;
        long malformed;
        long errors;

        Slot(String protocol) {
            this.protocol = protocol;
        }

        @Override
        public void event(OtEvent event) {
            if (decoder == null || event == null) {
                return;
            }
            events++;
            if (event.malformed()) {
                malformed++;
            }
            try {
                sink.accept(event);
            } catch (SinkFailure e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SinkFailure(e);
            }
        }

        void fail(Throwable e, String call) {
            decoder = null;
            errors++;
            LOG.warn("{} link decoder failed in {} ({}); decoder detached for the rest of the capture", protocol,
                    call, e.toString(), e);
        }
    }

    /** The current packet seen through {@link LinkFrame}; MAC text is built only when a decoder asks. */
    private static final class FrameView implements LinkFrame {
        Packet packet;

        @Override
        public long timestampMicros() {
            return packet.timestampMicros();
        }

        @Override
        public boolean hasMacs() {
            return packet.hasMacs();
        }

        @Override
        public long srcMac() {
            return packet.srcMac();
        }

        @Override
        public long dstMac() {
            return packet.dstMac();
        }

        @Override
        public String srcMacText() {
            return packet.hasMacs() ? AddressText.mac(packet.srcMac()) : null;
        }

        @Override
        public String dstMacText() {
            return packet.hasMacs() ? AddressText.mac(packet.dstMac()) : null;
        }

        @Override
        public int vlanId() {
            return packet.vlanId();
        }

        @Override
        public int etherType() {
            return packet.etherType();
        }
    }
}
