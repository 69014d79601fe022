package io.otsoc.routes.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.otsoc.collector.CollectorConfig;
import io.otsoc.collector.capture.CaptureException;
import io.otsoc.collector.capture.PacketSource;
import io.otsoc.mappings.opensearch.IndexTemplates;
import io.otsoc.routes.delivery.DocumentSink;
import io.otsoc.routes.pipeline.AnalyzeFailedException;
import io.otsoc.routes.pipeline.AnalyzeJob;
import io.otsoc.routes.pipeline.AnalyzeReport;
import io.otsoc.routes.pipeline.AnalyzeRequest;
import io.otsoc.routes.pipeline.BatchPolicy;
import io.otsoc.routes.pipeline.CollectorSource;
import io.otsoc.routes.pipeline.RetryPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code otsoc analyze CAPTURE... --out DIR [--opensearch URL | --opensearch embedded] [--exit]}. */
@Command(name = "analyze",
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Decodes the OT/ICS traffic in capture files into ECS documents.",
                "Writes DIR/events.ndjson (it appears only when the run succeeds) and, when asked, indexes the"
                        + " documents into OpenSearch."},
        footer = {"",
                "Exit codes: 0 done, 1 the run failed, 2 usage error or unreadable capture.",
                "Example: otsoc analyze plant.pcapng --out out --opensearch embedded"})
final class AnalyzeCommand implements Callable<Integer> {

    static final String EMBEDDED = "embedded";
    static final String EMBEDDED_DATA = "opensearch-data";

    @Parameters(arity = "1..*", paramLabel = "CAPTURE",
            description = "pcap or pcapng files, or directories holding them")
    private List<Path> captures;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "output directory; created when missing")
    private Path out;

    @Option(names = "--opensearch", paramLabel = "URL|embedded",
            description = "also index into the OpenSearch at URL, or into a node started here with its data"
                    + " under DIR/" + EMBEDDED_DATA)
    private String opensearch;

    @Option(names = "--exit",
            description = "with --opensearch embedded: stop the node when the run ends instead of keeping it up"
                    + " until Ctrl-C")
    private boolean exit;

    @Option(names = "--observer", paramLabel = "NAME",
            description = "sensor name written as observer.name (default: ${DEFAULT-VALUE})")
    private String observer = CollectorConfig.defaults().observerName();

    @Option(names = "--workers", paramLabel = "N",
            description = "threads that follow the flows, decode and map them, beside one that reads and dissects;"
                    + " 1 does everything on one thread (default: ${DEFAULT-VALUE}, from the cores here)")
    private int workers = CollectorSource.defaultWorkers();

    @Option(names = "--progress",
            description = "print progress every few seconds even when stderr is not a terminal")
    private boolean progress;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final CliEnvironment environment;

    AnalyzeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        String openSearchUrl = openSearchTarget();
        checkOutputDirectory();
        if (workers < 1 || workers > 64) {
            throw new ParameterException(spec.commandLine(), "--workers must be between 1 and 64, not " + workers);
        }
        PacketSource packets;
        try {
            packets = environment.parts().openCaptures(captures);
        } catch (CaptureException e) {
            environment.err().println(name() + ": " + OtsocCommand.oneLine(e.getMessage()));
            return OtsocCommand.USAGE;
        }
        return analyze(packets, openSearchUrl);
    }

    private Integer analyze(PacketSource packets, String openSearchUrl) {
        PrintStream err = environment.err();
        AnalyzeJob job = new AnalyzeJob();
        Interruption interruption = Interruption.install(job, environment);
        PacketSource unowned = packets;
        SearchNode node = null;
        try {
            List<DocumentSink> sinks = new ArrayList<>();
            if (EMBEDDED.equals(openSearchUrl)) {
                Path data = out.resolve(EMBEDDED_DATA);
                err.println(name() + ": starting OpenSearch with its data under " + data + " ...");
                node = environment.parts().startEmbeddedOpenSearch(data);
                err.println(name() + ": OpenSearch is up at " + node.url());
                sinks.add(environment.parts().openSearch(node.url()));
            } else if (openSearchUrl != null) {
                sinks.add(environment.parts().openSearch(openSearchUrl));
            }

            ProgressLine progressLine = new ProgressLine(err, progressMode(), name() + ": ");
            AnalyzeRequest request = new AnalyzeRequest(environment.parts().collector(packets, workers),
                    captures.size(), out, sinks, environment.parts().encoder(observer), BatchPolicy.DEFAULT,
                    RetryPolicy.DEFAULT, progressLine);
            unowned = null; // the job closes the source and the sinks from here on
            AnalyzeReport report;
            try {
                report = job.run(request);
            } finally {
                progressLine.finish();
            }
            environment.out().print(SummaryTable.render(report));

            if (node != null) {
                environment.out().println();
                environment.out().println("OpenSearch: " + node.url());
                environment.out().println("Try: " + exampleQuery(node.url(), mainProtocol(report)));
                if (!exit && interruption != null) {
                    err.println(name() + ": OpenSearch stays up until Ctrl-C (or run with --exit)");
                    interruption.await();
                }
            }
            return OtsocCommand.OK;
        } catch (AnalyzeFailedException e) {
            err.println(name() + ": " + OtsocCommand.oneLine(e.getMessage()));
            return OtsocCommand.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OtsocCommand.OK;
        } finally {
            if (unowned != null) {
                unowned.close();
            }
            if (node != null) {
                node.close();
            }
            if (interruption != null) {
                interruption.cleanedUp();
            }
        }
    }

    /** Null, {@link #EMBEDDED}, or the validated http(s) URL. */
    private String openSearchTarget() {
        if (opensearch == null || EMBEDDED.equals(opensearch)) {
            return opensearch;
        }
        try {
            URI uri = new URI(opensearch);
            String scheme = uri.getScheme();
            if (("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null) {
                return opensearch;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(),
                "--opensearch takes an http(s) URL or 'embedded', not '" + opensearch + "'");
    }

    private void checkOutputDirectory() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " exists and is not a directory");
        }
    }

    private ProgressLine.Mode progressMode() {
        if (environment.terminal()) {
            return ProgressLine.Mode.LIVE;
        }
        return progress ? ProgressLine.Mode.PERIODIC : ProgressLine.Mode.QUIET;
    }

    private String name() {
        return spec.qualifiedName();
    }

    /**
     * A curl line an analyst can paste: the three latest events of {@code protocol} from the events data streams.
     * Single quotes keep the shell away from {@code *} and {@code &}.
     */
    static String exampleQuery(String url, String protocol) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return "curl -s '" + base + "/" + eventsIndexPattern() + "/_search?q=network.protocol:" + protocol
                + "&sort=@timestamp:desc&size=3&pretty'";
    }

    /** The protocol with the most events in the run, so that the example finds something; modbus when none. */
    static String mainProtocol(AnalyzeReport report) {
        return report.records().eventsByProtocol().entrySet().stream()
                .max(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey)
                .orElse("modbus");
    }

    /** The events template's index pattern, so the example follows the templates. */
    private static String eventsIndexPattern() {
        for (IndexTemplates.Template template : IndexTemplates.indexTemplates()) {
            if (template.name().equals("otsoc-events")) {
                try {
                    JsonNode patterns = new ObjectMapper().readTree(template.json()).path("index_patterns");
                    if (patterns.isArray() && patterns.size() > 0) {
                        return patterns.get(0).asText();
                    }
                } catch (java.io.IOException e) {
                    break;
                }
            }
        }
        return "otsoc-events-*";
    }
}
