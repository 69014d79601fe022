package io.otsoc.routes.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one bench run measured.
 *
 * @param corpus      the capture measured
 * @param figures     its size
 * @param runs        runs per median
 * @param paths       rows (a) to (e) that were chosen, in that order
 * @param tools       the reference tools' rows
 * @param notes       tools skipped and why
 * @param rssPerPath  whether the RSS peak was reset before each path (else it counts from the JVM's start)
 */
record BenchResult(Path corpus, CorpusFigures figures, int runs, List<Measurement> paths, List<Measurement> tools,
                   List<String> notes, boolean rssPerPath) {

    BenchResult {
        paths = List.copyOf(paths);
        tools = List.copyOf(tools);
        notes = List.copyOf(notes);
    }

    /** Row (b), the collector alone: the ratios' base; null when it was not measured. */
    Measurement decode() {
        for (Measurement path : paths) {
            if (path.label().equals(DecodePath.LABEL)) {
                return path;
            }
        }
        return null;
    }

    /** The tshark -T ek row, when tshark ran. */
    Measurement tsharkEk() {
        for (Measurement tool : tools) {
            if (tool.label().startsWith(ReferenceTools.TSHARK_EK)) {
                return tool;
            }
        }
        return null;
    }
}
