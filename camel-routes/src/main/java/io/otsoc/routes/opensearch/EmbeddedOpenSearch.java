package io.otsoc.routes.opensearch;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real single-node OpenSearch in a child JVM with its own classpath (see the embedded-opensearch module),
 * for the demo and the integration tests.
 *
 * <p>The child prints one line, {@code OTSOC_OPENSEARCH_READY <url>}, once the cluster is yellow, and stops
 * when its stdin closes; its other output goes to {@value #CONSOLE_LOG} under the data directory. Closing this
 * object, or the JVM exiting, stops the child.
 */
public final class EmbeddedOpenSearch implements AutoCloseable {

    /** Names the embedded-opensearch module directory when it cannot be found from the working directory. */
    public static final String HOME_PROPERTY = "otsoc.embedded.home";
    public static final String HOME_ENV = "OTSOC_EMBEDDED_HOME";
    /** The child's stdout and stderr, under the data directory. */
    public static final String CONSOLE_LOG = "opensearch-console.log";

    static final String MAIN_CLASS = "io.otsoc.embedded.EmbeddedNodeMain";
    private static final String READY_PREFIX = "OTSOC_OPENSEARCH_READY ";
    private static final int EXIT_PORT_IN_USE = 2;
    private static final int MAX_LAUNCHES = 5;
    private static final int PORT_SEARCH_SPAN = 200;
    private static final int TAIL_LINES = 6;

    /**
     * How to start the node: HTTP on the first free port above {@code firstBasePort} (the node listens on base + 1),
     * the child's maximum heap (e.g. "1g"), how long to wait for it, its cluster name, and the embedded-opensearch
     * module directory ({@code null}: find it, see {@link #HOME_PROPERTY}).
     */
    public record Options(int firstBasePort, String heap, Duration startTimeout, String clusterName, Path home) {

        public static Options defaults() {
            return new Options(9250, "1g", Duration.ofSeconds(90), "otsoc", null);
        }

        public Options withFirstBasePort(int port) {
            return new Options(port, heap, startTimeout, clusterName, home);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(firstBasePort, heap, timeout, clusterName, home);
        }

        public Options withHeap(String maxHeap) {
            return new Options(firstBasePort, maxHeap, startTimeout, clusterName, home);
        }

        public Options withClusterName(String name) {
            return new Options(firstBasePort, heap, startTimeout, name, home);
        }

        public Options withHome(Path moduleDir) {
            return new Options(firstBasePort, heap, startTimeout, clusterName, moduleDir);
        }
    }

    private final Process process;
    private final String url;
    private final Path dataDir;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedOpenSearch(Process process, String url, Path dataDir) {
        this.process = process;
        this.url = url;
        this.dataDir = dataDir;
        this.shutdownHook = new Thread(this::stopChild, "otsoc-embedded-opensearch-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a node whose data lives under {@code dataDir} and waits until it answers. */
    public static EmbeddedOpenSearch start(Path dataDir) {
        return start(dataDir, Options.defaults());
    }

    /** Starts a node with the given options; see {@link #start(Path)}. */
    public static EmbeddedOpenSearch start(Path dataDir, Options options) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path home = options.home() != null ? options.home() : NodeHome.locate();
        NodeHome.check(home);
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            throw new EmbeddedOpenSearchException("cannot create the OpenSearch data directory " + data + ": " + e, e);
        }
        int basePort = options.firstBasePort();
        for (int launch = 1; ; launch++) {
            basePort = freeBasePort(basePort, options.firstBasePort() + PORT_SEARCH_SPAN);
            Launch attempt = launch(home, data, basePort, options);
            if (attempt.node() != null) {
                return attempt.node();
            }
            if (!attempt.portTaken() || launch == MAX_LAUNCHES) {
                throw attempt.failure();
            }
            basePort++; // someone took the port between our check and the node's bind: try the next one
        }
    }

    /** The node's HTTP base URL, e.g. {@code http://127.0.0.1:9251}. */
    public String url() {
        return url;
    }

    /** Where the node keeps its data; the user may delete it once the node is stopped. */
    public Path dataDir() {
        return dataDir;
    }

    /** Stops the node; its data stays under the data directory. Safe to call more than once. */
    @Override
    public void close() {
        stopChild();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | SecurityException e) {
            // Already shutting down: the hook is running or has run.
        }
    }

    private void stopChild() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            process.getOutputStream().close(); // the child's signal to close the node cleanly
        } catch (IOException e) {
            // The pipe is already gone; fall through to the signals.
        }
        if (waitFor(process, Duration.ofSeconds(20))) {
            return;
        }
        process.destroy();
        if (!waitFor(process, Duration.ofSeconds(10))) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
        }
    }

    private record Launch(EmbeddedOpenSearch node, boolean portTaken, EmbeddedOpenSearchException failure) {
    }

    private static Launch launch(Path home, Path data, int basePort, Options options) {
        int httpPort = basePort + 1;
        Path console = data.resolve(CONSOLE_LOG);
        long consoleStart = sizeOf(console);
        List<String> command = List.of(
                javaBinary(),
                "-Xmx" + options.heap(),
                "-cp", NodeHome.classpath(home),
                MAIN_CLASS,
                "--http-port", Integer.toString(basePort),
                "--data-dir", data.toString(),
                "--cluster-name", options.clusterName());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(console.toFile()))
                    .start();
        } catch (IOException e) {
            return new Launch(null, false, new EmbeddedOpenSearchException(
                    "cannot launch the OpenSearch child JVM for 127.0.0.1:" + httpPort + " with data in " + data + ": " + e, e));
        }

        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readStdout(process, ready, console), "otsoc-embedded-opensearch-stdout");
        reader.setDaemon(true);
        reader.start();

        String failure;
        try {
            String url = ready.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Launch(new EmbeddedOpenSearch(process, url, data), false, null);
        } catch (TimeoutException e) {
            failure = "did not become ready within " + options.startTimeout().toSeconds() + " s";
        } catch (ExecutionException e) {
            failure = e.getCause().getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "start interrupted";
        }
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(10));
        boolean portTaken = !process.isAlive() && process.exitValue() == EXIT_PORT_IN_USE;
        String message = "embedded OpenSearch on 127.0.0.1:" + httpPort + " with data in " + data + " " + failure
                + "; last output (" + console + "): " + tail(console, consoleStart);
        return new Launch(null, portTaken, new EmbeddedOpenSearchException(message));
    }

    /** Waits for the ready line; everything else on stdout goes to the console log. */
    private static void readStdout(Process process, CompletableFuture<String> ready, Path console) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             OutputStream log = Files.newOutputStream(console, java.nio.file.StandardOpenOption.CREATE,
                     java.nio.file.StandardOpenOption.APPEND)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
                    ready.complete(line.substring(READY_PREFIX.length()).trim());
                } else {
                    log.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
                    log.flush();
                }
            }
        } catch (IOException e) {
            // The child is gone; the exit below reports it.
        }
        if (!ready.isDone()) {
            waitFor(process, Duration.ofSeconds(10));
            String exit = process.isAlive() ? "closed its output" : "exited with code " + process.exitValue();
            ready.completeExceptionally(new IllegalStateException(exit + " before it was ready"));
        }
    }

    /** The first base port from {@code from} whose HTTP port (base + 1) is free on the loopback address. */
    private static int freeBasePort(int from, int limit) {
        for (int base = from; base < limit; base++) {
            if (isFree(base + 1)) {
                return base;
            }
        }
        throw new EmbeddedOpenSearchException("no free port for OpenSearch on 127.0.0.1 between "
                + (from + 1) + " and " + limit);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(false);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String javaBinary() {
        String executable = File.separatorChar == '\\' ? "java.exe" : "java";
        return Path.of(System.getProperty("java.home"), "bin", executable).toString();
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0L;
        } catch (IOException e) {
            return 0L;
        }
    }

    /** The last few lines written to the console log since {@code from}, joined on one line. */
    private static String tail(Path console, long from) {
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(console.toFile(), "r")) {
            long length = file.length();
            long start = Math.max(from, length - 16 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            file.seek(start);
            file.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.strip());
                }
            }
        } catch (IOException e) {
            return "(console log unreadable: " + e.getMessage() + ")";
        }
        if (lines.isEmpty()) {
            return "(none)";
        }
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
