package io.otsoc.routes.pipeline;

import io.otsoc.collector.capture.CaptureException;
import io.otsoc.collector.model.DomainRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyzeJobTest {

    private static final RetryPolicy QUICK_RETRY = new RetryPolicy(2, Duration.ofMillis(1), 2.0, Duration.ofMillis(5));

    @TempDir
    Path out;

    private AnalyzeRequest request(RecordSource source) {
        return new AnalyzeRequest(source, 1, out, List.of(), new SequenceEncoder(),
                new BatchPolicy(500, Duration.ofSeconds(1), 2), QUICK_RETRY, RunListener.NONE);
    }

    private static List<String> expectedLines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "{\"seq\":" + i + ",\"kind\":\"event\"}")
                .collect(Collectors.toList());
    }

    private List<String> ndjson() throws IOException {
        return Files.readAllLines(out.resolve("events.ndjson"), StandardCharsets.UTF_8);
    }

    @Test
    void everyDocumentReachesTheNdjsonFileInOrder() throws IOException {
        int count = 25_013;
        ListRecordSource source = new ListRecordSource(TestRecords.events(count));

        AnalyzeReport report = new AnalyzeJob().run(request(source));

        assertThat(ndjson()).isEqualTo(expectedLines(0, count));
        assertThat(out.resolve("events.ndjson.partial")).doesNotExist();
        assertThat(report.output()).isEqualTo(out.resolve("events.ndjson"));
        assertThat(report.sinks()).singleElement().satisfies(sink -> {
            assertThat(sink.sink()).isEqualTo(out.resolve("events.ndjson").toString());
            assertThat(sink.delivered()).isEqualTo(count);
            assertThat(sink.rejected()).isZero();
        });
        assertThat(report.records().eventsByProtocol()).containsExactly(java.util.Map.entry("modbus", (long) count));
        assertThat(report.collector().frames()).isEqualTo(2L * count);
        assertThat(source.closed()).isTrue();
    }

    @Test
    void batchesRespectTheCountBoundAndKeepTheOrderAtEverySink() {
        int count = 1_000;
        RecordingSink second = new RecordingSink("second");
        AnalyzeRequest request = request(new ListRecordSource(TestRecords.events(count)))
                .withBatching(new BatchPolicy(7, Duration.ofSeconds(1), 1))
                .withSinks(List.of(second));

        AnalyzeReport report = new AnalyzeJob().run(request);

        assertThat(second.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 7));
        assertThat(second.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
        assertThat(second.batchSizes().size()).isGreaterThanOrEqualTo((count + 6) / 7);
        assertThat(second.documents()).isEqualTo(expectedLines(0, count));
        assertThat(report.sinks()).extracting(SinkReport::sink)
                .containsExactly(out.resolve("events.ndjson").toString(), "second");
        assertThat(second.closed()).isTrue();
    }

    @Test
    void aSinkThatKeepsRefusingIsRetriedThenFailsTheRunAndLeavesNoOutput() throws IOException {
        Files.writeString(out.resolve("events.ndjson"), "{\"older\":true}\n");
        RecordingSink opensearch = new RecordingSink("http://127.0.0.1:1").refusing(-1);
        List<String> retries = new CopyOnWriteArrayList<>();
        AnalyzeRequest request = request(new ListRecordSource(TestRecords.events(5_000)))
                .withSinks(List.of(opensearch))
                .withListener(new RunListener() {
                    @Override
                    public void retrying(String problem, int redelivery, int of, Duration delay) {
                        retries.add(redelivery + "/" + of + " " + problem);
                    }
                });

        assertThatThrownBy(() -> new AnalyzeJob().run(request))
                .isInstanceOf(AnalyzeFailedException.class)
                .hasMessage("cannot deliver to http://127.0.0.1:1: connection refused (gave up after 3 attempts)");

        assertThat(opensearch.attempts()).isEqualTo(3);
        assertThat(retries).containsExactly(
                "1/2 cannot deliver to http://127.0.0.1:1: connection refused",
                "2/2 cannot deliver to http://127.0.0.1:1: connection refused");
        assertThat(Files.readString(out.resolve("events.ndjson"))).isEqualTo("{\"older\":true}\n");
        assertThat(out.resolve("events.ndjson.partial")).doesNotExist();
        assertThat(opensearch.closed()).isTrue();
    }

    @Test
    void aFailedRunWithoutAnOlderFileLeavesNoEventsFile() {
        RecordingSink opensearch = new RecordingSink("http://127.0.0.1:1").refusing(-1);
        AnalyzeRequest request = request(new ListRecordSource(TestRecords.events(100))).withSinks(List.of(opensearch));

        assertThatThrownBy(() -> new AnalyzeJob().run(request)).isInstanceOf(AnalyzeFailedException.class);

        assertThat(out.resolve("events.ndjson")).doesNotExist();
        assertThat(out.resolve("events.ndjson.partial")).doesNotExist();
    }

    @Test
    void aRefusalThatPassesIsRetriedWithoutDuplicatingEarlierSinks() throws IOException {
        int count = 2_000;
        RecordingSink flaky = new RecordingSink("flaky").refusing(2);
        AnalyzeRequest request = request(new ListRecordSource(TestRecords.events(count))).withSinks(List.of(flaky));

        AnalyzeReport report = new AnalyzeJob().run(request);

        assertThat(ndjson()).isEqualTo(expectedLines(0, count));
        assertThat(flaky.documents()).isEqualTo(expectedLines(0, count));
        assertThat(report.sinks()).extracting(SinkReport::delivered).containsExactly((long) count, (long) count);
    }

    @Test
    void perDocumentRejectionsAreCountedAndTheFirstFewKept() {
        int count = 1_000;
        RecordingSink picky = new RecordingSink("picky").rejecting(json -> json.matches(".*\"seq\":\\d*0,.*"));
        AnalyzeRequest request = request(new ListRecordSource(TestRecords.events(count))).withSinks(List.of(picky));

        AnalyzeReport report = new AnalyzeJob().run(request);

        SinkReport sink = report.sinks().get(1);
        assertThat(sink.delivered()).isEqualTo(900);
        assertThat(sink.rejected()).isEqualTo(100);
        assertThat(sink.firstRejections()).containsExactly(
                "{\"seq\":0,\"kind\":\"event\"}: mapper_parsing_exception",
                "{\"seq\":10,\"kind\":\"event\"}: mapper_parsing_exception",
                "{\"seq\":20,\"kind\":\"event\"}: mapper_parsing_exception",
                "{\"seq\":30,\"kind\":\"event\"}: mapper_parsing_exception",
                "{\"seq\":40,\"kind\":\"event\"}: mapper_parsing_exception");
        assertThat(report.sinks().get(0).rejected()).isZero();
    }

    @Test
    void recordsTheMappingRefusesAreCountedAndTheRestDelivered() throws IOException {
        AnalyzeRequest request = request(new ListRecordSource(TestRecords.events(10)))
                .withEncoder(new SequenceEncoder(Set.of(3L, 7L)));

        AnalyzeReport report = new AnalyzeJob().run(request);

        List<String> expected = new ArrayList<>(expectedLines(0, 10));
        expected.remove(7);
        expected.remove(3);
        assertThat(ndjson()).isEqualTo(expected);
        assertThat(report.records().unmapped()).isEqualTo(2);
        assertThat(report.records().unmappedReasons()).containsExactly(
                "modbus read_holding_registers event at 3 µs: java.lang.IllegalArgumentException: no mapping for record 3",
                "modbus read_holding_registers event at 7 µs: java.lang.IllegalArgumentException: no mapping for record 7");
        assertThat(report.sinks().get(0).delivered()).isEqualTo(8);
    }

    @Test
    void recordKindsAndProtocolsAreCounted() {
        List<DomainRecord> records = new ArrayList<>();
        records.add(TestRecords.event(0, "modbus"));
        records.add(TestRecords.event(1, "dnp3"));
        records.add(TestRecords.event(2, "modbus"));
        records.add(TestRecords.asset(3));

        AnalyzeReport report = new AnalyzeJob().run(request(new ListRecordSource(records)));

        assertThat(report.records().eventsByProtocol()).containsExactly(
                java.util.Map.entry("dnp3", 1L), java.util.Map.entry("modbus", 2L));
        assertThat(report.records().events()).isEqualTo(3);
        assertThat(report.records().assets()).isEqualTo(1);
        assertThat(report.sinks().get(0).delivered()).isEqualTo(4);
    }

    @Test
    void aSourceThatBreaksFailsTheRunWithItsMessage() {
        ListRecordSource source = new ListRecordSource(TestRecords.events(3_000))
                .failingAt(2_500, new CaptureException("b.pcap: truncated record header at byte 81920"));

        assertThatThrownBy(() -> new AnalyzeJob().run(request(source)))
                .isInstanceOf(AnalyzeFailedException.class)
                .hasMessage("b.pcap: truncated record header at byte 81920");

        assertThat(out.resolve("events.ndjson")).doesNotExist();
        assertThat(out.resolve("events.ndjson.partial")).doesNotExist();
        assertThat(source.closed()).isTrue();
    }

    @Test
    void aSinkThatBreaksFailsTheRunAtOnceNamingTheSink() {
        RecordingSink broken = new RecordingSink("broken") {
            @Override
            public io.otsoc.routes.delivery.DeliveryResult deliver(List<io.otsoc.routes.delivery.EcsDocument> batch) {
                throw new UnsupportedOperationException("not implemented");
            }
        };
        AnalyzeRequest request = request(new ListRecordSource(TestRecords.events(10))).withSinks(List.of(broken));

        assertThatThrownBy(() -> new AnalyzeJob().run(request))
                .isInstanceOf(AnalyzeFailedException.class)
                .hasMessage("broken failed: java.lang.UnsupportedOperationException: not implemented");
        assertThat(out.resolve("events.ndjson")).doesNotExist();
    }

    @Test
    void aQuietSourceStillHasItsPartialBatchDeliveredThenCancellingCommitsNothing() throws Exception {
        // The source emits 10 records, then waits as a quiet live interface would; with a zero batch wait the
        // pipeline takes the partial batch on its own.
        ListRecordSource source = new ListRecordSource(TestRecords.events(20)).holdingAt(10);
        RecordingSink watcher = new RecordingSink("watcher");
        AnalyzeRequest request = request(source).withSinks(List.of(watcher))
                .withBatching(new BatchPolicy(500, Duration.ZERO, 2));
        AnalyzeJob job = new AnalyzeJob();
        List<Throwable> outcome = new CopyOnWriteArrayList<>();
        Thread runner = new Thread(() -> {
            try {
                job.run(request);
            } catch (Throwable e) {
                outcome.add(e);
            }
        });
        runner.start();

        assertThat(source.held().await(30, TimeUnit.SECONDS)).isTrue();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // a guard against hanging, not a timing check
        while (watcher.documents().size() < 10 && runner.isAlive() && System.nanoTime() < giveUp) {
            Thread.sleep(10);
        }
        assertThat(watcher.documents()).isEqualTo(expectedLines(0, 10));

        job.cancel();
        runner.join(30_000);

        assertThat(outcome).singleElement().satisfies(e -> assertThat(e)
                .isInstanceOf(AnalyzeFailedException.class)
                .hasMessage("analysis interrupted; nothing was committed"));
        assertThat(out.resolve("events.ndjson")).doesNotExist();
        assertThat(out.resolve("events.ndjson.partial")).doesNotExist();
    }

    @Test
    void anOutputDirectoryThatIsAFileFailsBeforeAnythingRuns() throws IOException {
        Path file = Files.writeString(out.resolve("taken"), "x");
        ListRecordSource source = new ListRecordSource(TestRecords.events(10));
        RecordingSink other = new RecordingSink("other");
        AnalyzeRequest request = new AnalyzeRequest(source, 1, file, List.of(other), new SequenceEncoder(),
                BatchPolicy.DEFAULT, QUICK_RETRY, RunListener.NONE);

        assertThatThrownBy(() -> new AnalyzeJob().run(request))
                .isInstanceOf(AnalyzeFailedException.class)
                .hasMessageStartingWith("cannot create " + file.resolve("events.ndjson.partial"));
        assertThat(source.closed()).isTrue();
        assertThat(other.closed()).isTrue();
        assertThat(other.attempts()).isZero();
    }
}
