package io.otsoc.routes.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One in-process run of the real {@code otsoc} command line with its output captured, and readers for the figures of
 * the summary it prints.
 */
final class CommandLineRun {

    private static final Pattern FIGURE = Pattern.compile("^ {2}(\\S.*?)\\s{2,}([\\d,]+|n/a)$");

    private final int exitCode;
    private final String stdout;
    private final List<String> stderr;

    private CommandLineRun(int exitCode, String stdout, List<String> stderr) {
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs the command with the given parts; stderr is not a terminal and Ctrl-C is not the command's. */
    static CommandLineRun of(AnalysisParts parts, String... args) {
        return of(parts, new ByteArrayOutputStream(), args);
    }

    /** As {@link #of(AnalysisParts, String...)}, writing stdout to {@code out} so that parts can read it mid-run. */
    static CommandLineRun of(AnalysisParts parts, ByteArrayOutputStream out, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliEnvironment environment = new CliEnvironment(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), parts, false, false);
        int exitCode = OtsocCommand.execute(environment, args);
        return new CommandLineRun(exitCode, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8).lines().toList());
    }

    int exitCode() {
        return exitCode;
    }

    String stdout() {
        return stdout;
    }

    List<String> stderr() {
        return stderr;
    }

    /** A top-level figure of the summary, e.g. {@code figure("frames")}; fails when it is absent or n/a. */
    long figure(String label) {
        return optionalFigure(label).orElseThrow(() -> new AssertionError("no figure '" + label + "' in\n" + stdout));
    }

    /** The figure, or empty when the summary has no such row. */
    Optional<Long> optionalFigure(String label) {
        for (String line : stdout.lines().toList()) {
            Matcher m = FIGURE.matcher(line);
            if (m.matches() && m.group(1).equals(label) && !m.group(2).equals("n/a")) {
                return Optional.of(Long.parseLong(m.group(2).replace(",", "")));
            }
        }
        return Optional.empty();
    }

    /** Documents written to a sink, from the summary's "documents to" table. */
    long written(String sink) {
        for (String line : stdout.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 3 && columns[0].equals(sink)) {
                return Long.parseLong(columns[1].replace(",", ""));
            }
        }
        throw new AssertionError("no sink '" + sink + "' in\n" + stdout);
    }

    /** Documents a sink rejected, from the same table. */
    long rejected(String sink) {
        for (String line : stdout.lines().toList()) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length == 3 && columns[0].equals(sink)) {
                return Long.parseLong(columns[2].replace(",", ""));
            }
        }
        throw new AssertionError("no sink '" + sink + "' in\n" + stdout);
    }

    /** The lines under a heading such as "capture warnings:". */
    List<String> listUnder(String heading) {
        List<String> lines = stdout.lines().toList();
        int at = lines.indexOf(heading);
        if (at < 0) {
            return List.of();
        }
        return lines.subList(at + 1, lines.size()).stream()
                .takeWhile(l -> l.startsWith("  "))
                .map(String::strip)
                .toList();
    }
}
