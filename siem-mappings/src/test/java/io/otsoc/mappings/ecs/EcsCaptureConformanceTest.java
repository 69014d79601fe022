package io.otsoc.mappings.ecs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.otsoc.collector.Collector;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.CollectorStats;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.model.Asset;
import io.otsoc.collector.model.DomainRecord;
import io.otsoc.collector.model.OtEvent;
import io.otsoc.collector.testing.SharedFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every capture under {@code ../shared/pcaps} through the production path (the capture file reader, the collector
 * with the decoders on the class path, the ECS mapper): every document it yields passes the conformance checks
 * against ecs_flat.yml and the production templates ({@link DocumentConformance}), and the documents match the
 * collector's own counts. The per-capture figures are printed at the end.
 */
class EcsCaptureConformanceTest {

    /** At most this many problems are kept per capture, so one systematic fault does not flood the report. */
    private static final int PROBLEMS_KEPT = 20;

    private record Figures(long frames, long events, long assets, long malformed) {
    }

    private static final Map<String, Figures> FIGURES = new TreeMap<>();
    private static DocumentConformance conformance;

    @BeforeAll
    static void load() {
        conformance = new DocumentConformance(EcsFieldCatalog.load(), TemplateFields.installed());
    }

    static Stream<String> captures() throws IOException {
        Path pcaps = SharedFixtures.root().resolve("pcaps");
        try (Stream<Path> files = Files.walk(pcaps)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> pcaps.relativize(p).toString())
                    .filter(n -> n.endsWith(".pcap") || n.endsWith(".pcapng"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyDocumentConforms(String capture) {
        EcsMapper mapper = new EcsMapper("sensor-1");
        List<String> problems = new ArrayList<>();
        long[] problemCount = {0};
        long[] events = {0};
        long[] assets = {0};
        CollectorStats stats;
        try (PacketSource source = CaptureFiles.open(List.of(SharedFixtures.pcap(capture)))) {
            stats = new Collector(CollectorConfig.defaults()).run(source, (DomainRecord record) -> {
                ObjectNode document = mapper.toDocument(record);
                if (record instanceof OtEvent) {
                    events[0]++;
                } else if (record instanceof Asset) {
                    assets[0]++;
                }
                String where = capture + " @" + record.timestampMicros() + " "
                        + document.path("event").path("dataset").asText() + " "
                        + document.path("event").path("action").asText() + ": ";
                List<String> found = conformance.problems(document, where);
                problemCount[0] += found.size();
                for (String problem : found) {
                    if (problems.size() < PROBLEMS_KEPT) {
                        problems.add(problem);
                    }
                }
            });
        }
        synchronized (FIGURES) {
            FIGURES.put(capture, new Figures(stats.frames(), events[0], assets[0], stats.totalMalformed()));
        }

        assertThat(problems).as("%d problems, the first %d shown", problemCount[0], problems.size()).isEmpty();
        assertThat(events[0]).as("event documents = the collector's events").isEqualTo(stats.totalEvents());
        assertThat(assets[0]).as("asset documents = the collector's assets").isEqualTo(stats.assets());
        assertThat(stats.frames()).isPositive();
    }

    /** The per-capture table, the totals, and a guard against a vacuous pass over the whole set. */
    @AfterAll
    static void report() {
        if (FIGURES.isEmpty()) {
            return;
        }
        long frames = 0;
        long events = 0;
        long assets = 0;
        long malformed = 0;
        int withEvents = 0;
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-58s %8s %7s %6s %9s%n",
                "capture", "frames", "events", "assets", "malformed"));
        for (Map.Entry<String, Figures> entry : FIGURES.entrySet()) {
            Figures f = entry.getValue();
            table.append(String.format(Locale.ROOT, "%-58s %8d %7d %6d %9d%n", entry.getKey(), f.frames(),
                    f.events(), f.assets(), f.malformed()));
            frames += f.frames();
            events += f.events();
            assets += f.assets();
            malformed += f.malformed();
            withEvents += f.events() > 0 ? 1 : 0;
        }
        table.append(String.format(Locale.ROOT, "%d captures, %d with events: %d frames, %d documents checked"
                        + " (%d events of which %d malformed, %d assets); %d ECS and %d otsoc fields seen%n",
                FIGURES.size(), withEvents, frames, events + assets, events, malformed, assets,
                conformance.ecsFieldsSeen().size(), conformance.otsocFieldsSeen().size()));
        System.out.print(table);

        if (FIGURES.size() > 100) {
            // The whole set ran: it really exercised the mapping.
            assertThat(events).isPositive();
            assertThat(assets).isPositive();
            assertThat(conformance.ecsFieldsSeen()).contains("@timestamp", "event.action", "event.category",
                    "event.type", "event.outcome", "network.protocol", "network.community_id", "source.ip",
                    "destination.port", "host.mac");
            assertThat(conformance.otsocFieldsSeen()).contains("otsoc.modbus.function_code",
                    "otsoc.modbus.unit_id", "otsoc.modbus.transaction_id");
        }
    }
}
