package io.otsoc.collector.flow;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * One flow's decoder, guarded: it forwards events to the sink, turns malformed messages into failure events,
 * detaches the decoder when it disowns the flow, and catches whatever the decoder throws (counted, logged once per
 * protocol, decoder detached), so that bad input never stops the pipeline. Once detached it ignores every call.
 */
public final class DecoderBinding implements ProtocolDecoder, DecoderOutput {

    /** The {@code event.action} of a message that could not be decoded far enough to tell its operation. */
    public static final String MALFORMED_ACTION = "malformed_message";

    private static final Logger LOG = LoggerFactory.getLogger(DecoderBinding.class);
    private static final ProtocolDetail NO_DETAIL = out -> { };

    private final ProtocolDecoderFactory factory;
    private final int index;
    private final FlowRef flow;
    private final ProtocolCounters counters;
    private final Consumer<OtEvent> sink;
    private ProtocolDecoder decoder;
    private boolean detached;

    private DecoderBinding(ProtocolDecoderFactory factory, int index, FlowRef flow, ProtocolCounters counters,
                           Consumer<OtEvent> sink) {
        this.factory = factory;
        this.index = index;
        this.flow = flow;
        this.counters = counters;
        this.sink = sink;
    }

    /** A new decoder from {@code factory} on {@code flow}, or null when the factory itself failed (counted). */
    public static DecoderBinding attach(ProtocolDecoderFactory factory, int index, FlowRef flow,
                                       ProtocolCounters counters, Consumer<OtEvent> sink) {
        DecoderBinding binding = new DecoderBinding(factory, index, flow, counters, sink);
        try {
            binding.decoder = factory.create(flow, binding);
            if (binding.decoder == null) {
                throw new IllegalStateException("factory returned no decoder");
            }
        } catch (SinkFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            binding.fail(e, "create");
            return null;
        }
        counters.flows[index]++;
        return binding;
    }

    public String protocol() {
        return factory.protocol();
    }

    public boolean detached() {
        return detached;
    }

    // ---------------------------------------------------------------- towards the decoder

    @Override
    public void onData(Direction direction, byte[] buf, int offset, int length, long timestampMicros) {
        if (detached) {
            return;
        }
        try {
            decoder.onData(direction, buf, offset, length, timestampMicros);
        } catch (SinkFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            fail(e, "onData");
        }
    }

    @Override
    public void onGap(Direction direction, long missingBytes, long timestampMicros) {
        if (detached) {
            return;
        }
        try {
            decoder.onGap(direction, missingBytes, timestampMicros);
        } catch (SinkFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            fail(e, "onGap");
        }
    }

    @Override
    public void onClose(long timestampMicros) {
        if (detached) {
            return;
        }
        try {
            decoder.onClose(timestampMicros);
        } catch (SinkFailure e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            fail(e, "onClose");
        }
        detached = true;
    }

    // ---------------------------------------------------------------- from the decoder

    @Override
    public void event(OtEvent event) {
        if (detached || event == null) {
            return;
        }
        counters.events[index]++;
        deliver(event);
    }

    @Override
    public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
        if (detached) {
            return;
        }
        counters.malformed[index]++;
        counters.events[index]++;
        deliver(new OtEvent(timestampMicros, -1, flow, factory.protocol(), MALFORMED_ACTION, EventCategory.OTHER,
                Outcome.FAILURE, reason == null ? "malformed message" : reason,
                partial == null ? NO_DETAIL : partial, true));
    }

    /**
     * A malformed message reported as its operation. The event is forced to outcome failure with an error
     * message, whatever the decoder set, so that a malformed message is never delivered as a success.
     */
    @Override
    public void malformed(OtEvent event) {
        if (detached || event == null) {
            return;
        }
        counters.malformed[index]++;
        counters.events[index]++;
        deliver(event.asMalformed("malformed message"));
    }

    @Override
    public void notThisProtocol(long timestampMicros, String reason) {
        if (detached) {
            return;
        }
        counters.notThisProtocol[index]++;
        detached = true;
        LOG.debug("{} decoder detached from {}:{} -> {}:{}: {}", factory.protocol(), flow.clientIp(),
                flow.clientPort(), flow.serverIp(), flow.serverPort(), reason);
    }

    private void deliver(OtEvent event) {
        try {
            sink.accept(event);
        } catch (SinkFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SinkFailure(e);
        }
    }

    private void fail(Throwable e, String call) {
        detached = true;
        counters.decoderErrors[index]++;
        if (!counters.errorLogged[index]) {
            counters.errorLogged[index] = true;
            LOG.warn("{} decoder failed in {} on flow {}:{} -> {}:{} ({}); decoder detached from the flow. "
                            + "Further {} decoder errors are only counted.", factory.protocol(), call,
                    flow.clientIp(), flow.clientPort(), flow.serverIp(), flow.serverPort(), flow.transport(),
                    factory.protocol(), e);
        }
    }
}
