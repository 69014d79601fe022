package io.otsoc.routes.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The bench's figures as a plain-text table with its legend. */
final class BenchTable {

    private static final String ROW = "%-46s %12s %7s %9s %8s %8s %13s %9s %10s %9s %5s  %s%n";
    private static final double MB = 1e6;

    private BenchTable() {
    }

    static String render(BenchResult result) {
        StringBuilder s = new StringBuilder();
        CorpusFigures corpus = result.figures();
        s.append(format("corpus %s: %,d frames, %.1f MB captured%n", result.corpus(), corpus.frames(),
                corpus.bytes() / MB));
        s.append(format("median of %d run%s after warm-up runs: (a)-(e) in this JVM (Java %s, %d CPUs),"
                        + " warmed up until the JIT settled; reference tools as whole processes%n%n",
                result.runs(), result.runs() == 1 ? "" : "s", Runtime.version(),
                Runtime.getRuntime().availableProcessors()));
        s.append(format(ROW, "path", "frames/s", "spread", "MB/s", "vs (b)", "vs ek", "frames/CPU-s", "B/frame",
                "peak heap", "peak RSS", "warm", "output"));
        Measurement base = result.decode();
        Measurement ek = result.tsharkEk();
        List<Measurement> rows = new ArrayList<>(result.paths());
        rows.addAll(result.tools());
        for (Measurement m : rows) {
            s.append(format(ROW, m.label(), format("%,.0f", m.framesPerSecond()),
                    Double.isNaN(m.spread()) ? "-" : format("%.0f%%", 100 * m.spread()),
                    format("%,.1f", m.megabytesPerSecond()), ratio(m, base), ratio(m, ek),
                    m.framesPerCpuSecond() < 0 ? "-" : format("%,.0f", m.framesPerCpuSecond()),
                    Double.isNaN(m.allocatedPerFrame()) ? "-" : format("%,.1f", m.allocatedPerFrame()),
                    megabytes(m.peakHeapBytes()), megabytes(m.peakRssBytes()), m.warmUps(), output(m)));
        }
        s.append('\n');
        s.append("vs (b), vs ek: frames/s relative to the collector alone (b)" + (base == null ? " (not measured)" : "")
                + " and to tshark -T ek" + (ek == null ? " (not measured)" : "") + "\n");
        s.append("spread: (slowest - fastest run) / median run; large on a machine shared with other work\n");
        s.append("frames/CPU-s: frames per second of the process's CPU time (all its threads, GC included),"
                + " i.e. per busy core\n");
        s.append("B/frame: bytes allocated per frame by the measuring thread (- when the work runs on other"
                + " threads)\n");
        s.append("peak heap: sum of the heap pools' peaks; peak RSS: VmHWM"
                + (result.rssPerPath() ? ", reset before each path" : ", since the JVM started (it could not be reset)")
                + "\n");
        s.append("warm: runs before the measured ones\n");
        for (String note : result.notes()) {
            s.append("note: ").append(note).append('\n');
        }
        return s.toString();
    }

    private static String ratio(Measurement m, Measurement base) {
        if (base == null || base.framesPerSecond() <= 0) {
            return "-";
        }
        double r = m.framesPerSecond() / base.framesPerSecond();
        if (r >= 100) {
            return format("%,.0fx", r);
        }
        if (r >= 10) {
            return format("%.1fx", r);
        }
        return r >= 0.1 ? format("%.2fx", r) : format("%.3fx", r);
    }

    private static String megabytes(long bytes) {
        return bytes < 0 ? "-" : format("%,.0f MB", bytes / MB);
    }

    private static String output(Measurement m) {
        PathRun run = m.run();
        List<String> parts = new ArrayList<>();
        if (run.events() >= 0) {
            parts.add(format("%,d events", run.events()));
        }
        if (run.documents() >= 0) {
            parts.add(format("%,d %s", run.documents(), run.outputBytes() >= 0 ? "documents" : "records"));
        }
        if (run.outputBytes() >= 0) {
            parts.add(format("%.1f MB JSON", run.outputBytes() / MB));
        }
        if (parts.isEmpty()) {
            parts.add(format("%,d frames", run.frames()));
        }
        return String.join(", ", parts);
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
