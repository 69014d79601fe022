package io.otsoc.routes.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code otsoc}: the command line. Exit codes: 0 success, 1 the run failed (one-line reason on stderr), 2 usage
 * error or unreadable input (one-line reason on stderr).
 */
@Command(name = "otsoc",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = "Passive OT/ICS network security monitoring for the SOC you already run.",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'otsoc help COMMAND' for a command's options."})
public final class OtsocCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(CliEnvironment.system(), args));
    }

    /** Parses and runs {@code args}; returns the exit code. */
    public static int execute(CliEnvironment environment, String... args) {
        CommandLine commandLine = new CommandLine(new OtsocCommand());
        commandLine.addSubcommand("analyze", new AnalyzeCommand(environment));
        commandLine.addSubcommand("bench", new io.otsoc.routes.bench.BenchCommand(environment.out(), environment.err()));
        commandLine.addSubcommand("help", new HelpCommand());
        commandLine.setOut(new PrintWriter(environment.out(), true));
        commandLine.setErr(new PrintWriter(environment.err(), true));
        commandLine.setParameterExceptionHandler(OtsocCommand::usageError);
        commandLine.setExecutionExceptionHandler(OtsocCommand::unexpectedFailure);
        return commandLine.execute(args);
    }

    /** Without a command: say what is missing, in one line. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    private static int usageError(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        String help = command.getParent() == null ? "otsoc help" : "otsoc help " + command.getCommandName();
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + oneLine(problem.getMessage())
                + " (see '" + help + "')");
        return USAGE;
    }

    private static int unexpectedFailure(Exception problem, CommandLine command, ParseResult parsed) {
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": unexpected failure: "
                + oneLine(String.valueOf(problem)));
        if (System.getenv("OTSOC_DEBUG") != null) {
            problem.printStackTrace(command.getErr());
        }
        return FAILED;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
