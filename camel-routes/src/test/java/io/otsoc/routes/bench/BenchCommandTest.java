package io.otsoc.routes.bench;

import io.otsoc.collector.testing.SharedFixtures;
import io.otsoc.routes.cli.CliEnvironment;
import io.otsoc.routes.cli.OtsocCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code otsoc bench} on a tiny corpus built by mkcorpus.py from two small Modbus captures: every figure is printed
 * and the counts are the collector's. No timing is asserted.
 */
class BenchCommandTest {

    private static final Pattern NUMBER = Pattern.compile("[0-9][0-9,]*(\\.[0-9]+)?");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        CliEnvironment environment = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), null, false, false);
        return OtsocCommand.execute(environment, args);
    }

    private Path tinyCorpus(long frames) {
        Assumptions.assumeTrue(SearchPath.system().find("python3").isPresent(), "python3 is not on PATH");
        Path shared = SharedFixtures.root();
        StandardCorpus corpus = new StandardCorpus(dir, shared, SearchPath.system(), "python3");
        Path file = dir.resolve("tiny.pcap");
        corpus.build(file, frames, List.of(SharedFixtures.pcap("modbus/modbusSmall.pcap"),
                SharedFixtures.pcap("modbus/modbus_example.pcap")));
        return file;
    }

    @Test
    void printsEveryFigureForEveryPath() throws IOException {
        Path corpus = tinyCorpus(2_000);
        Path keep = dir.resolve("results");

        assertThat(run("bench", "--corpus", corpus.toString(), "--runs", "1", "--out", keep.toString()))
                .as(err.toString(StandardCharsets.UTF_8)).isZero();
        String table = out.toString(StandardCharsets.UTF_8);

        assertThat(table).contains("corpus " + corpus + ": 2,000 frames");
        List<String> paths = List.of("(a) read only: PcapFileSource", "(b) collector: decode",
                "(c) decode + ECS to a null sink", "(d) analyze: events.ndjson");
        for (String path : paths) {
            String row = row(table, path);
            // frames/s, MB/s, vs (b), frames/CPU-s, peak heap, peak RSS, warm-ups, and the output counts
            List<String> figures = numbers(row.substring(path.length()));
            assertThat(figures).as(row).hasSizeGreaterThanOrEqualTo(7);
            assertThat(row).as(row).containsPattern(" [0-9.]+x ").containsPattern(" [0-9,]+ MB +[0-9,]+ MB ");
        }
        assertThat(row(table, "(b) collector: decode")).contains(" 1.00x ");
        assertThat(row(table, "(a) read only: PcapFileSource")).endsWith("2,000 frames");
        assertThat(row(table, "(a) read only: pcap4j loop (libpcap)")).as("libpcap is installed for the tests")
                .endsWith("2,000 frames");

        // The decode, ECS and analyze paths agree on what the capture holds, and (d) wrote it all.
        String events = eventCount(row(table, "(b) collector: decode"));
        assertThat(Long.parseLong(events.replace(",", ""))).isPositive();
        for (String path : paths.subList(2, 4)) {
            assertThat(row(table, path)).contains(events + " events").contains(" documents, ").contains(" MB JSON");
        }
        Path ndjson = keep.resolve("events.ndjson");
        String documents = row(table, "(d) analyze: events.ndjson").replaceAll(".* events, ([0-9,]+) documents.*", "$1");
        assertThat(Files.readAllLines(ndjson)).hasSize(Integer.parseInt(documents.replace(",", "")));
        assertThat(keep.resolve("bench.txt")).hasContent(table.strip());

        // Reference tools: measured when on PATH, otherwise a note says they were skipped.
        for (String tool : List.of("tcpdump", "tshark")) {
            if (SearchPath.system().find(tool).isPresent()) {
                assertThat(table).containsPattern("(?m)^" + tool + " .* [0-9,]+ +[0-9,.]+ ");
            } else {
                assertThat(table).contains("note: " + tool + ": not on PATH, skipped");
            }
        }
        if (SearchPath.system().find("tshark").isPresent()) {
            assertThat(row(table, "tshark -T ek")).contains("(first 2,000)").contains(" 1.00x ");
        }
        assertThat(table).contains("peak RSS: VmHWM");
    }

    @Test
    void pathsRunsOnlyTheChosenMeasurements() throws IOException {
        Path corpus = tinyCorpus(500);

        assertThat(run("bench", "--corpus", corpus.toString(), "--runs", "2", "--paths", "b,c")).isZero();
        String table = out.toString(StandardCharsets.UTF_8);

        assertThat(row(table, "(b) collector: decode")).contains(" 1.00x ")
                .as("two runs have a spread").containsPattern(" [0-9]+% ");
        assertThat(row(table, "(c) decode + ECS to a null sink")).contains(" events, ");
        assertThat(table.lines().filter(line -> line.matches("^(\\([ade]\\)|tcpdump|tshark) .*")))
                .as("rows of the paths and tools not chosen").isEmpty();
    }

    @Test
    void theSpreadIsTheRangeOfRunTimesOverTheirMedian() {
        assertThat(Measurement.spread(new long[] {100, 110, 90})).isCloseTo(0.2, within(1e-9));
        assertThat(Measurement.spread(new long[] {50, 50})).isZero();
        assertThat(Measurement.spread(new long[] {70})).isNaN();
    }

    @Test
    void anUnknownPathIsAUsageError() throws IOException {
        Path corpus = tinyCorpus(100);

        assertThat(run("bench", "--corpus", corpus.toString(), "--paths", "b,x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--paths takes a, b, c, d, e and t, not x");
    }

    @Test
    void aMissingCaptureIsAOneLineUsageError() {
        Path missing = dir.resolve("absent").resolve("corpus.pcap");
        // absent corpus with no shared folder where it is looked for: the build cannot start
        StandardCorpus corpus = new StandardCorpus(dir, dir.resolve("no-shared"), SearchPath.system(), "python3");
        assertThatThrownBy(() -> corpus.build(missing, 10))
                .isInstanceOf(BenchException.class)
                .hasMessageStartingWith(dir.resolve("no-shared") + ": shared captures not found")
                .hasMessageContaining("--corpus FILE");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aMissingPythonIsNamedInOneLine() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared").resolve("bench"));
        Files.writeString(shared.resolve("mkcorpus.py"), "");
        StandardCorpus corpus = new StandardCorpus(dir, dir.resolve("shared"), new SearchPath(dir.toString()),
                "python3");
        assertThatThrownBy(() -> corpus.build(dir.resolve("c.pcap"), 10, List.of()))
                .isInstanceOf(BenchException.class)
                .hasMessage("python3 not found on PATH; it is needed to build the corpus with "
                        + shared.resolve("mkcorpus.py") + ", or give --corpus FILE");
    }

    @Test
    void aDefaultCorpusThatCannotBeBuiltIsAOneLineUsageError() throws IOException {
        Path shared = Files.createDirectories(dir.resolve("shared").resolve("bench"));
        Files.writeString(shared.resolve("mkcorpus.py"), "");
        for (String capture : StandardCorpus.CAPTURES) {
            Path file = dir.resolve("shared").resolve("pcaps").resolve(capture);
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[0]);
        }
        StandardCorpus corpus = new StandardCorpus(dir, dir.resolve("shared"), new SearchPath(dir.toString()),
                "python3");
        BenchCommand bench = new BenchCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), corpus, new SearchPath(dir.toString()));

        assertThat(new picocli.CommandLine(bench).execute("--runs", "1")).isEqualTo(2);
        Path target = dir.resolve("target").resolve("otsoc-corpus-1m.pcap");
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "bench: building " + target + " (1,000,000 frames) from " + dir.resolve("shared").resolve("pcaps")
                        + " ...",
                "bench: python3 not found on PATH; it is needed to build the corpus with "
                        + shared.resolve("mkcorpus.py") + ", or give --corpus FILE");
        assertThat(target).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aCorpusThatIsNotACaptureIsRefusedBeforeMeasuring() throws IOException {
        Path notACapture = Files.writeString(dir.resolve("notes.pcap"), "not a capture");
        assertThat(run("bench", "--corpus", notACapture.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("otsoc bench: " + notACapture + ": not a pcap or pcapng capture (starts with"
                        + " 0x6e6f7420)");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void runsMustBePositive() {
        assertThat(run("bench", "--runs", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("otsoc bench: --runs must be at least 1, not 0 (see 'otsoc help bench')");
    }

    @Test
    void theStandardCorpusIsBuiltFromTheReadmeCaptureList() {
        StandardCorpus corpus = StandardCorpus.locate();
        assertThat(corpus.root().resolve("camel-routes")).isDirectory();
        assertThat(corpus.defaultFile(StandardCorpus.STANDARD_FRAMES))
                .isEqualTo(corpus.root().resolve("target").resolve("otsoc-corpus-1m.pcap"));
        Path readme = SharedFixtures.root().resolve("bench").resolve("README.md");
        String text = readmeText(readme);
        for (String capture : StandardCorpus.CAPTURES) {
            assertThat(text).contains("$P/" + capture);
            assertThat(SharedFixtures.pcap(capture)).isRegularFile();
        }
        assertThat(text).contains("target/otsoc-corpus-1m.pcap 1000000");
    }

    private static String readmeText(Path readme) {
        try {
            return Files.readString(readme);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String row(String table, String label) {
        return table.lines().filter(line -> line.startsWith(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + table));
    }

    private static List<String> numbers(String text) {
        Matcher m = NUMBER.matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static String eventCount(String row) {
        return row.replaceAll(".*  ([0-9,]+) events, .*", "$1");
    }
}
