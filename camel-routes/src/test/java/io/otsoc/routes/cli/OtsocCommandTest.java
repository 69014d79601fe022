package io.otsoc.routes.cli;

import io.otsoc.routes.pipeline.TestRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OtsocCommandTest {

    /** A little-endian pcap header (magic, v2.4, snaplen 65535, Ethernet) and nothing else. */
    private static final byte[] PCAP_HEADER = {
            (byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            (byte) 0xff, (byte) 0xff, 0, 0, 1, 0, 0, 0};

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StandInParts parts = new StandInParts(TestRecords.events(50));

    private int run(AnalysisParts with, String... args) {
        CliEnvironment environment = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), with, false, false);
        return OtsocCommand.execute(environment, args);
    }

    private int run(String... args) {
        return run(parts, args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> stderrLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private Path capture() throws IOException {
        return Files.write(dir.resolve("plant.pcap"), PCAP_HEADER);
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(stderrLines()).containsExactly("otsoc: missing command (see 'otsoc help')");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("analyse", "x.pcap")).isEqualTo(2);
        assertThat(stderrLines()).singleElement().asString()
                .startsWith("otsoc: Unmatched arguments from index 0: 'analyse', 'x.pcap'")
                .endsWith("(see 'otsoc help')");
    }

    @Test
    void analyzeWithoutOutIsAUsageError() throws IOException {
        assertThat(run("analyze", capture().toString())).isEqualTo(2);
        assertThat(stderrLines()).containsExactly(
                "otsoc analyze: Missing required option: '--out=DIR' (see 'otsoc help analyze')");
    }

    @Test
    void analyzeWithoutCapturesIsAUsageError() {
        assertThat(run("analyze", "--out", dir.toString())).isEqualTo(2);
        assertThat(stderrLines()).containsExactly(
                "otsoc analyze: Missing required parameter: 'CAPTURE' (see 'otsoc help analyze')");
    }

    @Test
    void anUnknownOptionIsAUsageError() throws IOException {
        assertThat(run("analyze", capture().toString(), "--out", dir.toString(), "--fast")).isEqualTo(2);
        assertThat(stderrLines()).containsExactly(
                "otsoc analyze: Unknown option: '--fast' (see 'otsoc help analyze')");
    }

    @Test
    void aWorkerCountOutOfRangeIsAUsageError() throws IOException {
        assertThat(run("analyze", capture().toString(), "--out", dir.toString(), "--workers", "0")).isEqualTo(2);
        assertThat(stderrLines()).containsExactly(
                "otsoc analyze: --workers must be between 1 and 64, not 0 (see 'otsoc help analyze')");
    }

    @Test
    void anOpenSearchTargetThatIsNeitherUrlNorEmbeddedIsAUsageError() throws IOException {
        assertThat(run("analyze", capture().toString(), "--out", dir.toString(), "--opensearch", "localhost:9200"))
                .isEqualTo(2);
        assertThat(stderrLines()).containsExactly("otsoc analyze: --opensearch takes an http(s) URL or 'embedded',"
                + " not 'localhost:9200' (see 'otsoc help analyze')");
        assertThat(parts.sinkUrls).isEmpty();
    }

    @Test
    void anOutputThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("out.txt"), "taken");
        assertThat(run("analyze", capture().toString(), "--out", file.toString())).isEqualTo(2);
        assertThat(stderrLines()).containsExactly(
                "otsoc analyze: --out " + file + " exists and is not a directory (see 'otsoc help analyze')");
    }

    @Test
    void aMissingCaptureExitsWithTheReadersOneLineMessage() {
        Path missing = dir.resolve("nowhere.pcap");
        assertThat(run("analyze", missing.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(stderrLines()).containsExactly("otsoc analyze: " + missing + ": no such file or directory");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aFileThatIsNoCaptureExitsWithTheReadersOneLineMessage() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "these are notes, not packets\n");
        assertThat(run("analyze", capture().toString(), text.toString(), "--out", dir.resolve("out").toString(),
                "--opensearch", "embedded")).isEqualTo(2);
        assertThat(stderrLines()).containsExactly("otsoc analyze: " + text + ": not a pcap or pcapng capture");
        assertThat(parts.dataDirs).as("no node is started for unreadable input").isEmpty();
    }

    @Test
    void theRealCaptureReaderRejectsMissingAndNonCaptureFilesInOneLine() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pcap"), "these are notes, not packets\n");
        AnalysisParts production = AnalysisParts.production();
        Path missing = dir.resolve("nowhere.pcap");

        assertThat(run(production, "analyze", missing.toString(), "--out", dir.resolve("a").toString()))
                .isEqualTo(2);
        assertThat(run(production, "analyze", text.toString(), "--out", dir.resolve("b").toString())).isEqualTo(2);

        // "thes" = 0x74686573: the reader shows what the file starts with.
        assertThat(stderrLines()).containsExactly(
                "otsoc analyze: " + missing + ": cannot read: no such file",
                "otsoc analyze: " + text + ": not a pcap or pcapng capture (starts with 0x74686573)");
        assertThat(dir.resolve("a")).doesNotExist();
        assertThat(dir.resolve("b")).doesNotExist();
    }

    @Test
    void versionNamesTheProjectVersion() {
        assertThat(run("--version")).isZero();
        assertThat(stdout().lines().findFirst()).hasValueSatisfying(line ->
                assertThat(line).matches("otsoc \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
        assertThat(stdout()).contains("Apache Camel");
    }

    @Test
    void helpListsTheCommandsAndHelpAnalyzeItsOptions() {
        assertThat(run("help")).isZero();
        assertThat(stdout()).contains("analyze", "help");
        out.reset();
        assertThat(run("help", "analyze")).isZero();
        assertThat(stdout()).contains("--out=DIR", "--opensearch=URL|embedded", "--exit", "--observer=NAME",
                "--workers=N");
    }

    @Test
    void aSuccessfulRunPrintsTheSummaryAndWritesTheEvents() throws IOException {
        Path outDir = dir.resolve("out");

        assertThat(run("analyze", capture().toString(), "--out", outDir.toString())).isZero();

        assertThat(Files.readAllLines(outDir.resolve("events.ndjson"))).hasSize(50)
                .startsWith("{\"seq\":0,\"kind\":\"event\"}").endsWith("{\"seq\":49,\"kind\":\"event\"}");
        assertThat(stdout()).contains("Summary of test records", "frames", "100", "modbus", "50",
                outDir.resolve("events.ndjson").toString());
        assertThat(stderrLines()).as("no progress noise when stderr is not a terminal").isEmpty();
    }

    @Test
    void embeddedOpenSearchKeepsItsDataUnderTheOutputAndIsStoppedWithExit() throws IOException {
        Path outDir = dir.resolve("out");

        assertThat(run("analyze", capture().toString(), "--out", outDir.toString(), "--opensearch", "embedded",
                "--exit")).isZero();

        assertThat(parts.dataDirs).containsExactly(outDir.resolve("opensearch-data"));
        assertThat(parts.sinkUrls).containsExactly("http://127.0.0.1:9251");
        assertThat(parts.openSearchSink.documents()).hasSize(50);
        assertThat(parts.nodeClosed).isTrue();
        assertThat(stdout()).contains("OpenSearch: http://127.0.0.1:9251",
                "Try: curl -s 'http://127.0.0.1:9251/otsoc-events-*/_search?q=network.protocol:modbus"
                        + "&sort=@timestamp:desc&size=3&pretty'");
    }

    @Test
    void anOpenSearchThatKeepsRefusingFailsTheRunInOneLineNamingIt() throws IOException {
        parts.refusals = -1;
        Path outDir = dir.resolve("out");

        assertThat(run("analyze", capture().toString(), "--out", outDir.toString(),
                "--opensearch", "http://127.0.0.1:1")).isEqualTo(1);

        assertThat(stderrLines()).last().isEqualTo("otsoc analyze: cannot deliver to http://127.0.0.1:1:"
                + " connection refused (gave up after 4 attempts)");
        assertThat(stderrLines()).filteredOn(line -> line.contains("; retry ")).hasSize(3);
        assertThat(outDir.resolve("events.ndjson")).doesNotExist();
    }
}
