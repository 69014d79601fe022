package io.otsoc.routes.cli;

import java.io.PrintStream;

/**
 * What the command runs in: its streams, its parts, whether stderr is a terminal (live progress line) and whether
 * it owns Ctrl-C (a real process does; a test does not, and then never waits for it).
 */
public record CliEnvironment(PrintStream out, PrintStream err, AnalysisParts parts, boolean terminal,
                             boolean ownsSignals) {

    /** The environment of the real process. */
    public static CliEnvironment system() {
        // Java 17 has no way to ask about stderr alone; a console means an interactive terminal session.
        return new CliEnvironment(System.out, System.err, AnalysisParts.production(), System.console() != null, true);
    }
}
