package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.otsoc.collector.model.EventCategory;
import io.otsoc.collector.model.FlowRef;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.model.Outcome;
import io.otsoc.collector.model.ProtocolDetail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.OutputStream;

/**
 * Micro-benchmark of the hot path: a Modbus read_holding_registers transaction (10 registers) mapped to ECS.
 * Prints documents per second for the streaming write (into a reused generator over a counting sink) and for
 * {@link EcsMapper#toJson} (the per-thread generator plus the returned byte array). No assertions; run with
 * {@code java -cp <test classpath> io.otsoc.mappings.ecs.EcsMapperBench [seconds-per-round]}.
 */
public final class EcsMapperBench {

    private static final int EVENTS = 1024;
    private static final com.sun.management.ThreadMXBean CPU =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        OtEvent[] events = modbusEvents();
        EcsMapper mapper = new EcsMapper("bench-sensor");

        CountingSink sink = new CountingSink();
        JsonFactory factory = new JsonFactoryBuilder().rootValueSeparator((String) null).build();
        JsonGenerator generator = factory.createGenerator(sink, JsonEncoding.UTF8);

        System.out.printf("sample document (%d bytes): %s%n", mapper.toJson(events[0]).length,
                new String(mapper.toJson(events[0]), java.nio.charset.StandardCharsets.UTF_8));
        for (int round = 0; round < 5; round++) {
            String label = round < 2 ? "warm-up" : "measure";
            long n = 0;
            long cpu = CPU.getCurrentThreadCpuTime();
            long allocated = CPU.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            long bytesBefore = sink.count;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 4096; i++) {
                    mapper.write(events[(int) (n++ & (EVENTS - 1))], generator);
                }
                generator.flush();
            }
            report(label + " write(record, generator)", n, System.nanoTime() - start,
                    CPU.getCurrentThreadCpuTime() - cpu, CPU.getCurrentThreadAllocatedBytes() - allocated,
                    (sink.count - bytesBefore) / n);

            n = 0;
            long checksum = 0;
            cpu = CPU.getCurrentThreadCpuTime();
            allocated = CPU.getCurrentThreadAllocatedBytes();
            start = System.nanoTime();
            deadline = start + (long) (seconds * 1e9);
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 4096; i++) {
                    checksum += mapper.toJson(events[(int) (n++ & (EVENTS - 1))]).length;
                }
            }
            report(label + " toJson(record) -> byte[]", n, System.nanoTime() - start,
                    CPU.getCurrentThreadCpuTime() - cpu, CPU.getCurrentThreadAllocatedBytes() - allocated, checksum / n);
        }
    }

    /**
     * Wall-clock rate, and the rate per second of this thread's CPU time: on a shared machine the second one is
     * the mapping's own cost, the first one also counts the time other processes held the core.
     */
    private static void report(String what, long documents, long wallNanos, long cpuNanos, long allocatedBytes,
                               long bytesPerDocument) {
        System.out.printf("%-40s %,10.0f docs/s wall %,10.0f docs/s per CPU-second %5.0f ns CPU/doc"
                        + " %5.1f B allocated/doc  %d B JSON/doc%n",
                what, documents * 1e9 / wallNanos, documents * 1e9 / cpuNanos, (double) cpuNanos / documents,
                (double) allocatedBytes / documents, bytesPerDocument);
    }

    /** Events from one conversation, 137 µs apart, with varying transaction ids and register values. */
    private static OtEvent[] modbusEvents() {
        FlowRef flow = new FlowRef("1:LQU9qZlK+B5F3KDmev6m5PMibrg=", "tcp", "00:1d:9c:c7:b0:70",
                "00:80:f4:0a:bc:de", "192.168.10.21", 50123, "192.168.10.5", 502, 100);
        OtEvent[] events = new OtEvent[EVENTS];
        long t = SampleRecords.T0;
        for (int i = 0; i < EVENTS; i++) {
            int transaction = i;
            int[] registers = new int[10];
            for (int r = 0; r < registers.length; r++) {
                registers[r] = (i * 31 + r * 977) & 0xFFFF;
            }
            ProtocolDetail detail = out -> {
                out.number("transaction_id", transaction);
                out.number("unit_id", 1);
                out.number("function_code", 3);
                out.number("address", 40001);
                out.number("quantity", 10);
                out.numbers("response_values", registers, registers.length);
            };
            events[i] = new OtEvent(t, 850 + i % 300, flow, "modbus", "read_holding_registers", EventCategory.READ,
                    Outcome.SUCCESS, null, detail);
            t += 137;
        }
        return events;
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
