package io.otsoc.routes.pipeline;

import io.otsoc.collector.model.DomainRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RecordFeedTest {

    private static List<RecordBatch> drain(RecordFeed feed) throws InterruptedException {
        List<RecordBatch> batches = new ArrayList<>();
        while (true) {
            RecordBatch batch = feed.poll(10, TimeUnit.SECONDS);
            assertThat(batch).as("a batch within the timeout").isNotNull();
            if (batch == RecordBatch.END) {
                return batches;
            }
            batches.add(batch);
        }
    }

    @Test
    void recordsArriveInOrderInFullBatchesThenTheRestThenTheEnd() throws Exception {
        RecordFeed feed = new RecordFeed(new BatchPolicy(4, Duration.ofHours(1), 1));
        List<DomainRecord> records = TestRecords.events(10);
        Thread collector = new Thread(() -> {
            records.forEach(feed);
            feed.end();
        });
        collector.start();

        List<RecordBatch> batches = drain(feed);
        collector.join();

        assertThat(batches).extracting(RecordBatch::size).containsExactly(4, 4, 2);
        assertThat(batches).extracting(RecordBatch::sequence).containsExactly(0L, 1L, 2L);
        assertThat(batches.stream().flatMap(b -> b.records().stream()).toList()).isEqualTo(records);
        assertThat(feed.recordsAccepted()).isEqualTo(10);
    }

    @Test
    void aPartialBatchOlderThanTheWaitIsTakenWithoutTheCollector() throws Exception {
        RecordFeed feed = new RecordFeed(new BatchPolicy(100, Duration.ZERO, 1));
        feed.accept(TestRecords.event(0, "modbus"));
        feed.accept(TestRecords.event(1, "modbus"));

        RecordBatch batch = feed.poll(1, TimeUnit.MILLISECONDS);

        assertThat(batch).isNotNull();
        assertThat(batch.records()).extracting(DomainRecord::timestampMicros).containsExactly(0L, 1L);
    }

    @Test
    void aPartialBatchYoungerThanTheWaitStaysOpen() throws Exception {
        RecordFeed feed = new RecordFeed(new BatchPolicy(100, Duration.ofHours(1), 1));
        feed.accept(TestRecords.event(0, "modbus"));

        assertThat(feed.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aCollectorBlockedOnAFullQueueIsReleasedWhenTheRunFails() throws Exception {
        RecordFeed feed = new RecordFeed(new BatchPolicy(1, Duration.ofHours(1), 1));
        List<DomainRecord> records = TestRecords.events(50);
        Thread collector = new Thread(() -> {
            records.forEach(feed);
            feed.end();
        });
        collector.start();
        RecordBatch first = feed.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();

        feed.fail(new IllegalStateException("sink gave up"));
        collector.join(10_000);

        assertThat(collector.isAlive()).as("collector released").isFalse();
        assertThat(feed.completion()).isCompletedExceptionally();
        assertThat(feed.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }
}
