package io.otsoc.routes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.pipeline.DocumentEncoder;
import io.otsoc.routes.pipeline.NdjsonTally;
import io.otsoc.routes.pipeline.RecordSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The demo, {@code otsoc analyze <capture> --out DIR --opensearch embedded --exit}, with every production part: the
 * command starts its own node with its data under DIR, indexes into it, prints the node's URL and a curl line, and
 * stops the node at the end. Just before the node stops, the printed curl line is run as printed, through a shell,
 * exactly as an analyst would paste it. (The run's second and last node start; the other classes share one.)
 */
class EmbeddedDemoIT {

    private static final String CAPTURE = "modbus/modbus_example.pcap";
    private static final Pattern TRY = Pattern.compile("(?m)^Try: (curl .*)$");

    @TempDir
    Path out;

    /** What was seen while the command's node was still up. */
    private final List<String> whileUp = new ArrayList<>();
    private String rootAnswer;
    private String queryAnswer;

    @Test
    void theDemoRunsEndToEndAndItsExampleQueryWorksAsPrinted() throws Exception {
        assumeThat(shell("command -v curl").exitCode()).as("curl is installed").isZero();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AnalysisParts parts = checkingBeforeTheNodeStops(AnalysisParts.production(), stdout);

        CommandLineRun run = CommandLineRun.of(parts, stdout, "analyze", SharedFixtures.pcap(CAPTURE).toString(),
                "--out", out.toString(), "--opensearch", "embedded", "--exit");

        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        Path data = out.resolve("opensearch-data");
        assertThat(run.stderr()).hasSize(2);
        assertThat(run.stderr().get(0)).isEqualTo("otsoc analyze: starting OpenSearch with its data under " + data
                + " ...");
        Matcher up = Pattern.compile("otsoc analyze: OpenSearch is up at (http://127\\.0\\.0\\.1:\\d+)")
                .matcher(run.stderr().get(1));
        assertThat(up.matches()).as(run.stderr().get(1)).isTrue();
        String url = up.group(1);
        assertThat(run.stdout()).contains("\nOpenSearch: " + url + "\n");
        assertThat(run.written(url)).isEqualTo(run.written(out.resolve("events.ndjson").toString()));
        assertThat(run.rejected(url)).isZero();
        assertThat(whileUp).as("the checks ran before the node stopped").containsExactly(url);

        // The node answered on the printed URL while it was up.
        assertThat(new ObjectMapper().readTree(rootAnswer).path("cluster_name").asText()).isEqualTo("otsoc");

        // The printed query, run by a shell, found the newest Modbus events of the run, newest first.
        NdjsonTally ndjson = NdjsonTally.of(out.resolve("events.ndjson"));
        JsonNode answer = new ObjectMapper().readTree(queryAnswer);
        assertThat(answer.path("hits").path("total").path("value").asLong()).isEqualTo(ndjson.events("modbus"))
                .isPositive();
        JsonNode hits = answer.path("hits").path("hits");
        assertThat(hits).hasSize(3);
        List<Instant> times = new ArrayList<>();
        hits.forEach(hit -> {
            assertThat(hit.path("_source").path("network").path("protocol").asText()).isEqualTo("modbus");
            times.add(Instant.parse(hit.path("_source").path("@timestamp").asText()));
        });
        Instant newest = ndjson.documents().stream()
                .filter(d -> d.path("network").path("protocol").asText().equals("modbus"))
                .map(d -> Instant.parse(d.path("@timestamp").asText())).max(Instant::compareTo).orElseThrow();
        assertThat(times.get(0)).isEqualTo(newest);
        // @timestamp is a date (millisecond) field: within one millisecond the order is the node's choice.
        assertThat(times).map(t -> t.truncatedTo(ChronoUnit.MILLIS)).isSortedAccordingTo((a, b) -> b.compareTo(a));

        // --exit: the node is gone, its data stays under the output directory.
        assertThatThrownBy(() -> get(url)).isInstanceOf(IOException.class);
        assertThat(data.resolve("node_1")).isDirectory();
        assertThat(data.resolve("opensearch-console.log")).isRegularFile();
    }

    /** The production parts, with a node whose close first runs the checks that need it up. */
    private AnalysisParts checkingBeforeTheNodeStops(AnalysisParts production, ByteArrayOutputStream stdout) {
        return new AnalysisParts() {
            @Override
            public PacketSource openCaptures(List<Path> inputs) {
                return production.openCaptures(inputs);
            }

            @Override
            public RecordSource collector(PacketSource packets, int workers) {
                return production.collector(packets, workers);
            }

            @Override
            public DocumentEncoder encoder(String observerName) {
                return production.encoder(observerName);
            }

            @Override
            public DocumentSink openSearch(String url) {
                return production.openSearch(url);
            }

            @Override
            public SearchNode startEmbeddedOpenSearch(Path dataDir) {
                SearchNode node = production.startEmbeddedOpenSearch(dataDir);
                return new SearchNode() {
                    @Override
                    public String url() {
                        return node.url();
                    }

                    @Override
                    public void close() {
                        try {
                            checkWhileUp(node.url(), stdout.toString(StandardCharsets.UTF_8));
                        } finally {
                            node.close();
                        }
                    }
                };
            }
        };
    }

    private void checkWhileUp(String url, String printedSoFar) {
        whileUp.add(url);
        try {
            rootAnswer = get(url);
            Matcher tryLine = TRY.matcher(printedSoFar);
            if (tryLine.find()) {
                Shell curl = shell(tryLine.group(1));
                queryAnswer = curl.exitCode() == 0 ? curl.stdout() : "curl failed: " + curl.stdout();
            } else {
                queryAnswer = "no 'Try: curl ...' line in: " + printedSoFar;
            }
        } catch (IOException | InterruptedException e) {
            rootAnswer = "unreachable: " + e;
        }
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    private record Shell(int exitCode, String stdout) {
    }

    /** Runs a command line through bash, as typed at a prompt. */
    private static Shell shell(String commandLine) {
        try {
            Process process = new ProcessBuilder("bash", "-c", commandLine).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Shell(-1, output);
            }
            return new Shell(process.exitValue(), output);
        } catch (IOException e) {
            return new Shell(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Shell(-1, e.toString());
        }
    }
}
