package io.otsoc.collector.flow;

import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;
import io.otsoc.collector.protocol.DecoderOutput;
import io.otsoc.collector.protocol.DecoderRegistry;
import io.otsoc.collector.protocol.Direction;
import io.otsoc.collector.protocol.ProtocolDecoder;
import io.otsoc.collector.protocol.ProtocolDecoderFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How the binding turns a decoder's malformed reports into events and counts them. */
class DecoderBindingTest {

    private static final FlowRef FLOW = new FlowRef("1:abc=", "tcp", null, null, "192.0.2.1", 40000, "192.0.2.2", 502, -1);
    private static final ProtocolDetail DETAIL = out -> out.number("function_code", 20);

    /** A factory whose decoder keeps the output it was given, so the test can report through it. */
    private static final class Capturing implements ProtocolDecoderFactory {
        DecoderOutput output;

        @Override
        public String protocol() {
            return "modbus";
        }

        @Override
        public int[] tcpPorts() {
            return new int[] {502};
        }

        @Override
        public int[] udpPorts() {
            return new int[0];
        }

        @Override
        public ProtocolDecoder create(FlowRef flow, DecoderOutput out) {
            output = out;
            return new ProtocolDecoder() {
                @Override
                public void onData(Direction d, byte[] buf, int off, int len, long ts) {
                }

                @Override
                public void onGap(Direction d, long missing, long ts) {
                }

                @Override
                public void onClose(long ts) {
                }
            };
        }
    }

    private final Capturing factory = new Capturing();
    private final ProtocolCounters counters = new ProtocolCounters(DecoderRegistry.of(List.of(factory)));
    private final List<OtEvent> delivered = new ArrayList<>();

    private DecoderOutput attach() {
        assertThat(DecoderBinding.attach(factory, 0, FLOW, counters, delivered::add)).isNotNull();
        return factory.output;
    }

    @Test
    void malformedMessageOfAKnownOperationKeepsItsActionAndIsCountedAsMalformed() {
        DecoderOutput out = attach();
        OtEvent event = new OtEvent(5, 40, FLOW, "modbus", "read_file_record", EventCategory.READ, Outcome.FAILURE,
                "read_file_record request: byte count 0 is outside 7..245", DETAIL);
        out.malformed(event);
        assertThat(delivered).containsExactly(event.asMalformed("unused"));
        assertThat(delivered.get(0).malformed()).isTrue();
        assertThat(delivered.get(0).errorMessage()).isEqualTo(event.errorMessage());
        assertThat(counters.malformed()).isEqualTo(Map.of("modbus", 1L));
        assertThat(counters.events()).isEqualTo(Map.of("modbus", 1L));
    }

    @Test
    void malformedMessageIsNeverDeliveredAsASuccess() {
        DecoderOutput out = attach();
        out.malformed(new OtEvent(5, -1, FLOW, "modbus", "write_file_record", EventCategory.WRITE, Outcome.SUCCESS,
                null, DETAIL));
        assertThat(delivered).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("write_file_record");
            assertThat(e.category()).isEqualTo(EventCategory.WRITE);
            assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(e.errorMessage()).isEqualTo("malformed message");
            assertThat(e.malformed()).isTrue();
            assertThat(e.detail()).isSameAs(DETAIL);
        });
        assertThat(counters.malformed()).isEqualTo(Map.of("modbus", 1L));
    }

    @Test
    void malformedMessageOfAnUnknownOperation() {
        DecoderOutput out = attach();
        out.malformed(7, "MBAP protocol identifier 1 is not 0 (Modbus)", null);
        assertThat(delivered).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo(DecoderBinding.MALFORMED_ACTION);
            assertThat(e.category()).isEqualTo(EventCategory.OTHER);
            assertThat(e.outcome()).isEqualTo(Outcome.FAILURE);
            assertThat(e.durationMicros()).isEqualTo(-1);
            assertThat(e.errorMessage()).isEqualTo("MBAP protocol identifier 1 is not 0 (Modbus)");
        });
        assertThat(counters.malformed()).isEqualTo(Map.of("modbus", 1L));
    }

    @Test
    void outputsWrittenBeforeTheOperationFormGetTheReasonAndDetail() {
        List<Object> got = new ArrayList<>();
        DecoderOutput older = new DecoderOutput() {
            @Override
            public void event(OtEvent event) {
                got.add(event);
            }

            @Override
            public void malformed(long timestampMicros, String reason, ProtocolDetail partial) {
                got.add(List.of(timestampMicros, reason, partial));
            }

            @Override
            public void notThisProtocol(long timestampMicros, String reason) {
                got.add(reason);
            }
        };
        older.malformed(new OtEvent(9, 1, FLOW, "modbus", "read_file_record", EventCategory.READ, Outcome.FAILURE,
                "byte count 0", DETAIL));
        assertThat(got).containsExactly(List.of(9L, "byte count 0", DETAIL));
    }

    @Test
    void nothingIsDeliveredOnceDetached() {
        DecoderOutput out = attach();
        out.notThisProtocol(1, "not modbus");
        out.malformed(new OtEvent(5, -1, FLOW, "modbus", "read_coils", EventCategory.READ, Outcome.FAILURE, "x",
                DETAIL));
        assertThat(delivered).isEmpty();
        assertThat(counters.malformed()).isEmpty();
        assertThat(counters.notThisProtocol()).isEqualTo(Map.of("modbus", 1L));
    }
}
