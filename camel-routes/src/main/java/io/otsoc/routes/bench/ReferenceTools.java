package io.otsoc.routes.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The peer tools the README quotes figures against, run as whole processes on the same corpus in the same bench:
 * {@code tcpdump -r CORPUS -w /dev/null} (the libpcap read floor) and tshark writing Elasticsearch bulk JSON
 * ({@code -T ek}) or nine OT fields ({@code -T fields}), tshark limited to the corpus's first frames
 * ({@code -c}) because it is slow. A tool that is not on PATH, or fails, is skipped with a note.
 */
final class ReferenceTools {

    /** Frames tshark reads per run: enough for a stable rate, few enough to take seconds rather than minutes. */
    static final long TSHARK_FRAMES = 50_000;

    static final String TSHARK_EK = "tshark -T ek";

    /** Nine OT fields over the corpus's protocols (the README's "tshark -T fields with nine OT fields"). */
    static final List<String> OT_FIELDS = List.of("ip.src", "ip.dst", "mbtcp.trans_id", "modbus.func_code",
            "enip.command", "cip.sc", "s7comm.param.func", "bacapp.confirmed_service", "dnp3.al.func");

    /** The tools' rows and the notes on tools skipped. */
    record Outcome(List<Measurement> rows, List<String> notes) {
    }

    private final SearchPath programs;
    private final int runs;

    ReferenceTools(SearchPath programs, int runs) {
        this.programs = programs;
        this.runs = runs;
    }

    Outcome measure(Path corpus, CorpusFigures figures) {
        List<Measurement> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String file = corpus.toString();
        PathRun whole = new PathRun(figures.frames(), figures.bytes(), -1, -1, -1);
        PathRun head = new PathRun(figures.headFrames(), figures.headBytes(), -1, -1, -1);
        String first = "first " + String.format("%,d", figures.headFrames());

        Optional<Path> tcpdump = programs.find("tcpdump");
        if (tcpdump.isEmpty()) {
            notes.add("tcpdump: not on PATH, skipped (apt-get install tcpdump)");
        } else {
            run("tcpdump -r -w /dev/null", whole,
                    List.of(tcpdump.get().toString(), "-r", file, "-w", "/dev/null"), rows, notes);
        }

        Optional<Path> tshark = programs.find("tshark");
        if (tshark.isEmpty()) {
            notes.add("tshark: not on PATH, skipped (apt-get install tshark)");
        } else {
            String count = Long.toString(figures.headFrames());
            run(TSHARK_EK + " (" + first + ")", head,
                    List.of(tshark.get().toString(), "-r", file, "-c", count, "-T", "ek"), rows, notes);
            List<String> fields = new ArrayList<>(List.of(tshark.get().toString(), "-r", file, "-c", count,
                    "-T", "fields"));
            for (String field : OT_FIELDS) {
                fields.add("-e");
                fields.add(field);
            }
            run("tshark -T fields, 9 OT fields (" + first + ")", head, fields, rows, notes);
        }
        return new Outcome(rows, notes);
    }

    /** A warm-up run, then the median of {@code runs} whole-process runs; output discarded. */
    private void run(String label, PathRun frames, List<String> command, List<Measurement> rows,
                     List<String> notes) {
        long[] wall = new long[runs];
        try {
            Path errors = Files.createTempFile("otsoc-bench-tool", ".err");
            try {
                for (int i = -1; i < runs; i++) {
                    long start = System.nanoTime();
                    Process process = new ProcessBuilder(command)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .redirectError(errors.toFile())
                            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                            .start();
                    int exit = process.waitFor();
                    long elapsed = System.nanoTime() - start;
                    if (exit != 0) {
                        notes.add(label + ": exited with " + exit + lastLine(errors) + ", skipped");
                        return;
                    }
                    if (i >= 0) {
                        wall[i] = elapsed;
                    }
                }
            } finally {
                Files.deleteIfExists(errors);
            }
        } catch (IOException e) {
            notes.add(label + ": cannot run (" + e.getMessage() + "), skipped");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add(label + ": interrupted, skipped");
            return;
        }
        rows.add(new Measurement(label, frames, PathTimer.median(wall), -1, Double.NaN, -1, -1, 1,
                Measurement.spread(wall)));
    }

    private static String lastLine(Path errors) throws IOException {
        List<String> lines = Files.readAllLines(errors, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                return " (" + line + ")";
            }
        }
        return "";
    }
}
