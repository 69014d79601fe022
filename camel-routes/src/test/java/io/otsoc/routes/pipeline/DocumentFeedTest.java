package io.otsoc.routes.pipeline;

import io.otsoc.routes.delivery.EcsDocument;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentFeedTest {

    private static EcsDocument document(long seq) {
        return new EcsDocument("otsoc-events-test", null, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static List<EcsDocument> documents(int count) {
        return java.util.stream.LongStream.range(0, count).mapToObj(DocumentFeedTest::document).toList();
    }


    private static List<DocumentBatch> drain(DocumentFeed feed) throws InterruptedException {
        List<DocumentBatch> batches = new ArrayList<>();
        while (true) {
            DocumentBatch batch = feed.poll(10, TimeUnit.SECONDS);
            assertThat(batch).as("a batch within the timeout").isNotNull();
            if (batch == DocumentBatch.END) {
                return batches;
            }
            batches.add(batch);
        }
    }

    @Test
    void documentsArriveInOrderInFullBatchesThenTheRestThenTheEnd() throws Exception {
        DocumentFeed feed = new DocumentFeed(new BatchPolicy(4, Duration.ofHours(1), 1));
        List<EcsDocument> documents = documents(10);
        Thread collector = new Thread(() -> {
            documents.forEach(feed);
            feed.end();
        });
        collector.start();

        List<DocumentBatch> batches = drain(feed);
        collector.join();

        assertThat(batches).extracting(DocumentBatch::size).containsExactly(4, 4, 2);
        assertThat(batches.stream().flatMap(b -> b.documents().stream()).toList()).isEqualTo(documents);
        assertThat(feed.documentsAccepted()).isEqualTo(10);
    }

    @Test
    void aPartialBatchOlderThanTheWaitIsTakenWithoutTheCollector() throws Exception {
        DocumentFeed feed = new DocumentFeed(new BatchPolicy(100, Duration.ZERO, 1));
        EcsDocument first = document(0);
        EcsDocument second = document(1);
        feed.accept(first);
        feed.accept(second);

        DocumentBatch batch = feed.poll(1, TimeUnit.MILLISECONDS);

        assertThat(batch).isNotNull();
        assertThat(batch.documents()).containsExactly(first, second);
    }

    @Test
    void aPartialBatchYoungerThanTheWaitStaysOpen() throws Exception {
        DocumentFeed feed = new DocumentFeed(new BatchPolicy(100, Duration.ofHours(1), 1));
        feed.accept(document(0));

        assertThat(feed.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aCollectorBlockedOnAFullQueueIsReleasedWhenTheRunFails() throws Exception {
        DocumentFeed feed = new DocumentFeed(new BatchPolicy(1, Duration.ofHours(1), 1));
        List<EcsDocument> documents = documents(50);
        Thread collector = new Thread(() -> {
            documents.forEach(feed);
            feed.end();
        });
        collector.start();
        DocumentBatch first = feed.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();

        feed.fail(new IllegalStateException("sink gave up"));
        collector.join(10_000);

        assertThat(collector.isAlive()).as("collector released").isFalse();
        assertThat(feed.completion()).isCompletedExceptionally();
        assertThat(feed.poll(1, TimeUnit.MILLISECONDS)).isNull();
    }
}
