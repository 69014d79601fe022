package io.otsoc.routes.bench;

import io.otsoc.collector.capture.CaptureException;
import io.otsoc.collector.capture.CaptureFiles;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.routes.pipeline.AnalyzeFailedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code otsoc bench [--corpus FILE] [--frames N] [--runs R] [--workers N,...] [--paths P,...] [--out DIR]}:
 * throughput of the pipeline's paths on the standard corpus, beside tcpdump and tshark on the same file, as one
 * table.
 */
@Command(name = "bench",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Measures the pipeline on a benchmark capture: (a) reading the file, (b) decoding it,"
                        + " (c) decoding it and serialising every record to ECS JSON, (d) 'otsoc analyze' writing"
                        + " events.ndjson, (e) (c) with flows sharded over worker threads; and tcpdump and tshark on"
                        + " the same capture when they are on PATH.",
                "Prints the median of R runs after a warm-up run of each."},
        footer = {"",
                "Exit codes: 0 done, 1 a run failed, 2 usage error, unreadable corpus, or a corpus that cannot be"
                        + " built.",
                "The standard corpus (1,000,000 frames of the shared OT captures) is built on first use with"
                        + " python3 ../shared/bench/mkcorpus.py."})
public final class BenchCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /** The letters of the measurements: (a) to (e), and t for the reference tools. */
    private static final List<String> PATHS = List.of("a", "b", "c", "d", "e", "t");

    @Option(names = "--corpus", paramLabel = "FILE",
            description = "capture to measure; built from the standard captures when it does not exist"
                    + " (default: target/otsoc-corpus-1m.pcap in the repository)")
    private Path corpus;

    @Option(names = "--frames", paramLabel = "N",
            description = "frames of the corpus built when it is missing (default: ${DEFAULT-VALUE})")
    private long frames = StandardCorpus.STANDARD_FRAMES;

    @Option(names = "--runs", paramLabel = "R", description = "measured runs per path (default: ${DEFAULT-VALUE})")
    private int runs = 3;

    @Option(names = "--workers", paramLabel = "N[,N...]", split = ",",
            description = "worker thread counts for the sharded paths: (e), and (d) for counts above 1"
                    + " (default: 1,2)")
    private List<Integer> workers = List.of(1, 2);

    @Option(names = "--paths", paramLabel = "P[,P...]", split = ",",
            description = "which measurements to run: a read (ours and pcap4j's), b decode, c decode + ECS,"
                    + " d analyze, e sharded, t reference tools (default: all)")
    private List<String> paths = PATHS;

    @Option(names = "--out", paramLabel = "DIR",
            description = "keep the analyze path's events.ndjson and the table (bench.txt) here"
                    + " (default: a temporary directory, removed afterwards)")
    private Path out;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private StandardCorpus standard;
    private final SearchPath programs;

    public BenchCommand(PrintStream stdout, PrintStream stderr) {
        this(stdout, stderr, null, SearchPath.system());
    }

    /** With the standard corpus of a given checkout, or null to locate this one's when the command runs. */
    BenchCommand(PrintStream stdout, PrintStream stderr, StandardCorpus standard, SearchPath programs) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.standard = standard;
        this.programs = programs;
    }

    @Override
    public Integer call() {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1, not " + runs);
        }
        for (int w : workers) {
            if (w < 1 || w > 64) {
                throw new ParameterException(spec.commandLine(), "--workers must be between 1 and 64, not " + w);
            }
        }
        for (String p : paths) {
            if (!PATHS.contains(p)) {
                throw new ParameterException(spec.commandLine(), "--paths takes a, b, c, d, e and t, not " + p);
            }
        }
        if (frames < 1) {
            throw new ParameterException(spec.commandLine(), "--frames must be at least 1, not " + frames);
        }
        if (out != null && Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " exists and is not a directory");
        }
        if (standard == null) {
            standard = StandardCorpus.locate();
        }
        Path file = corpus != null ? corpus : standard.defaultFile(frames);
        try {
            if (!Files.exists(file)) {
                stderr.println(name() + ": building " + file + " (" + String.format("%,d", frames)
                        + " frames) from " + standard.shared().resolve("pcaps") + " ...");
                standard.build(file, frames);
            }
            checkReadable(file);
        } catch (BenchException | CaptureException e) {
            stderr.println(name() + ": " + oneLine(e.getMessage()));
            return USAGE;
        }

        Path outDir = null;
        boolean temporary = out == null;
        try {
            outDir = temporary ? Files.createTempDirectory("otsoc-bench") : Files.createDirectories(out);
            BenchResult result = measure(file, outDir);
            String table = BenchTable.render(result);
            stdout.print(table);
            stdout.flush();
            if (!temporary) {
                Files.writeString(outDir.resolve("bench.txt"), table, StandardCharsets.UTF_8);
            }
            return OK;
        } catch (AnalyzeFailedException | BenchException | CaptureException e) {
            stderr.println(name() + ": " + oneLine(e.getMessage()));
            return FAILED;
        } catch (IOException e) {
            stderr.println(name() + ": cannot write to " + (out != null ? out : "a temporary directory") + ": "
                    + oneLine(e.getMessage()));
            return FAILED;
        } finally {
            if (temporary && outDir != null) {
                deleteTree(outDir);
            }
        }
    }

    private BenchResult measure(Path file, Path outDir) {
        CorpusFigures figures = CorpusFigures.of(file, ReferenceTools.TSHARK_FRAMES);
        PathTimer timer = new PathTimer(runs);
        List<Measurement> measured = new ArrayList<>();
        for (MeasuredPath path : chosenPaths(outDir)) {
            stderr.println(name() + ": " + path.label() + " ...");
            measured.add(timer.measure(path, file));
        }
        ReferenceTools.Outcome tools = new ReferenceTools.Outcome(List.of(), List.of());
        if (paths.contains("t")) {
            stderr.println(name() + ": reference tools ...");
            tools = new ReferenceTools(programs, runs).measure(file, figures);
        }
        return new BenchResult(file, figures, runs, measured, tools.rows(), tools.notes(), timer.rssPerPath());
    }

    private List<MeasuredPath> chosenPaths(Path outDir) {
        List<MeasuredPath> chosen = new ArrayList<>();
        if (paths.contains("a")) {
            chosen.add(new ReadOnlyPath());
            if (Pcap4jReadPath.available()) {
                chosen.add(new Pcap4jReadPath());
            }
        }
        if (paths.contains("b")) {
            chosen.add(new DecodePath());
        }
        if (paths.contains("c")) {
            chosen.add(new DecodeEcsPath());
        }
        if (paths.contains("d")) {
            chosen.add(new AnalyzePath(outDir, 1));
            for (int w : workers) {
                if (w > 1) {
                    chosen.add(new AnalyzePath(outDir, w));
                }
            }
        }
        if (paths.contains("e")) {
            for (int w : workers) {
                chosen.add(new ShardedDecodeEcsPath(w));
            }
        }
        return chosen;
    }

    /** Opens the corpus once, so that an unreadable file fails in one line before any measurement. */
    private static void checkReadable(Path file) {
        try (PacketSource source = CaptureFiles.open(List.of(file))) {
            source.name();
        }
    }

    private String name() {
        return spec.qualifiedName();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
