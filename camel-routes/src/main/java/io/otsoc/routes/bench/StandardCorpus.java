package io.otsoc.routes.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The project's benchmark capture: the shared OT captures copied round after round by
 * {@code ../shared/bench/mkcorpus.py} (each round's IPv4 addresses rewritten so its flows are new) up to a frame
 * count, 1,000,000 for the standard corpus, written under the repository's {@code target/}. Every throughput figure
 * of the project is measured on it, so it is built exactly as {@code ../shared/bench/README.md} says.
 */
public final class StandardCorpus {

    public static final long STANDARD_FRAMES = 1_000_000;

    /** The captures of the standard corpus, under {@code ../shared/pcaps}, in the README's order. */
    public static final List<String> CAPTURES = List.of(
            "modbus/ModbusTCP.pcap",
            "modbus/modbusBig.pcap",
            "enip/cip_only.pcap",
            "enip/EthernetIP-CIP.pcap",
            "s7comm/s7comm_varservice_libnodavedemo_bench.pcap",
            "bacnet/bacnet_services.pcap",
            "s7comm/s7comm_clean.pcap",
            "dnp3/dnp3_example.pcap",
            "modbus/modbus_test_2.pcap",
            "bacnet/bacnet_example.pcap");

    private final Path root;
    private final Path shared;
    private final SearchPath programs;
    private final String python;

    StandardCorpus(Path root, Path shared, SearchPath programs, String python) {
        this.root = root;
        this.shared = shared;
        this.programs = programs;
        this.python = python;
    }

    /**
     * The corpus of this checkout: the repository root is found from where otsoc's classes were loaded (or the
     * working directory), the shared folder beside it ({@code ../shared}) or at the {@code otsoc.shared}
     * system property.
     */
    public static StandardCorpus locate() {
        Path root = repositoryRoot();
        String configured = System.getProperty("otsoc.shared");
        Path shared = configured != null && !configured.isBlank()
                ? Path.of(configured).toAbsolutePath().normalize()
                : root.resolveSibling("shared");
        return new StandardCorpus(root, shared, SearchPath.system(), "python3");
    }

    public Path root() {
        return root;
    }

    public Path shared() {
        return shared;
    }

    /** {@code target/otsoc-corpus-1m.pcap} for the standard size, {@code target/otsoc-corpus-N.pcap} otherwise. */
    public Path defaultFile(long frames) {
        String size = frames == STANDARD_FRAMES ? "1m" : Long.toString(frames);
        return root.resolve("target").resolve("otsoc-corpus-" + size + ".pcap");
    }

    /** Builds {@code target} from the standard captures; see {@link #build(Path, long, List)}. */
    public void build(Path target, long frames) {
        List<Path> captures = new ArrayList<>();
        for (String capture : CAPTURES) {
            captures.add(pcaps().resolve(capture));
        }
        build(target, frames, captures);
    }

    /**
     * Runs {@code python3 ../shared/bench/mkcorpus.py TARGET FRAMES CAPTURE...} from the repository root into a
     * partial file renamed to {@code target} once complete, so an interrupted build leaves no corpus that looks
     * whole.
     *
     * @throws BenchException in one line when python3, the shared folder, the script or a capture is missing, or
     *                        when the script fails
     */
    public void build(Path target, long frames, List<Path> captures) {
        if (frames < 1) {
            throw new BenchException("a corpus needs at least 1 frame, not " + frames);
        }
        if (!Files.isDirectory(shared)) {
            throw new BenchException(shared + ": shared captures not found (expected ../shared beside " + root
                    + "); they are needed to build the corpus, or give --corpus FILE");
        }
        Path script = shared.resolve("bench").resolve("mkcorpus.py");
        if (!Files.isRegularFile(script)) {
            throw new BenchException(script + ": corpus builder not found");
        }
        for (Path capture : captures) {
            if (!Files.isRegularFile(capture)) {
                throw new BenchException(capture + ": capture for the corpus not found");
            }
        }
        Path interpreter = programs.find(python).orElseThrow(() -> new BenchException(python
                + " not found on PATH; it is needed to build the corpus with " + script + ", or give --corpus FILE"));

        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        List<String> command = new ArrayList<>(List.of(interpreter.toString(), script.toString(),
                partial.toString(), Long.toString(frames)));
        captures.forEach(capture -> command.add(capture.toString()));
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path log = Files.createTempFile("otsoc-mkcorpus", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(root.toFile())
                        .redirectOutput(log.toFile()).redirectErrorStream(true).start();
                int exit = process.waitFor();
                if (exit != 0 || !Files.isRegularFile(partial)) {
                    throw new BenchException("building " + target + " failed: " + script.getFileName() + " exited with "
                            + exit + (lastLine(log).map(line -> " (" + line + ")").orElse("")));
                }
            } finally {
                Files.deleteIfExists(log);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BenchException("building " + target + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("building " + target + " was interrupted", e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover partial file is overwritten by the next build
            }
        }
    }

    Path pcaps() {
        return shared.resolve("pcaps");
    }

    private static Optional<String> lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return Optional.of(lines.get(i).strip());
            }
        }
        return Optional.empty();
    }

    /**
     * The directory holding the parent pom and camel-routes, searched upwards from the code location (the
     * distribution jar or the classes directory), then from the working directory.
     */
    private static Path repositoryRoot() {
        try {
            CodeSource source = StandardCorpus.class.getProtectionDomain().getCodeSource();
            if (source != null) {
                Optional<Path> found = rootAbove(Path.of(source.getLocation().toURI()));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException ignored) {
            // fall back to the working directory
        }
        Path cwd = Path.of("").toAbsolutePath();
        return rootAbove(cwd).orElse(cwd);
    }

    private static Optional<Path> rootAbove(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("camel-routes"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
