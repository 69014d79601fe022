package io.otsoc.collector.capture;

import java.util.List;

/**
 * What a source read, and what went wrong without stopping it.
 *
 * @param frames    frames delivered
 * @param bytes     captured bytes delivered
 * @param dropped   frames the kernel or libpcap dropped (live capture), 0 for files
 * @param warnings  one line each, naming the file and the place, e.g. a capture truncated mid-record
 */
public record SourceReport(long frames, long bytes, long dropped, List<String> warnings) {

    public SourceReport {
        warnings = List.copyOf(warnings);
    }

    public boolean truncated() {
        return warnings.stream().anyMatch(w -> w.contains("truncated"));
    }
}
