package io.otsoc.routes.opensearch;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the embedded-opensearch module whose {@code target/classes} and {@code target/lib} make the node's
 * classpath: from the {@value EmbeddedOpenSearch#HOME_PROPERTY} property or {@value EmbeddedOpenSearch#HOME_ENV}
 * variable, else by walking up from the working directory and from this code's jar to the repository root.
 */
final class NodeHome {

    static final String MODULE = "embedded-opensearch";
    private static final String MAIN_CLASS_FILE = "target/classes/"
            + EmbeddedOpenSearch.MAIN_CLASS.replace('.', '/') + ".class";

    private NodeHome() {
    }

    static Path locate() {
        String configured = System.getProperty(EmbeddedOpenSearch.HOME_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(EmbeddedOpenSearch.HOME_ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of(System.getProperty("user.dir")));
        codeLocation().ifPresent(starts::add);
        for (Path start : starts) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                if (isBuilt(dir) && dir.getFileName() != null && dir.getFileName().toString().equals(MODULE)) {
                    return dir;
                }
                Path module = dir.resolve(MODULE);
                if (isBuilt(module)) {
                    return module;
                }
            }
        }
        throw new EmbeddedOpenSearchException("cannot find the built " + MODULE + " module above " + starts
                + ": build it (mvn -pl " + MODULE + " compile) or set -D" + EmbeddedOpenSearch.HOME_PROPERTY
                + " to its directory");
    }

    /** Fails with a clear message when {@code home} does not hold a built node classpath. */
    static void check(Path home) {
        if (!isBuilt(home)) {
            throw new EmbeddedOpenSearchException("no built " + MODULE + " module in " + home
                    + " (expected " + MAIN_CLASS_FILE + " and target/lib): build it with mvn -pl " + MODULE + " compile");
        }
    }

    /** target/classes and every jar in target/lib; the java launcher expands the wildcard. */
    static String classpath(Path home) {
        return home.resolve("target/classes") + File.pathSeparator + home.resolve("target/lib") + File.separator + "*";
    }

    private static boolean isBuilt(Path dir) {
        return Files.isRegularFile(dir.resolve(MAIN_CLASS_FILE)) && Files.isDirectory(dir.resolve("target/lib"));
    }

    private static java.util.Optional<Path> codeLocation() {
        try {
            CodeSource source = NodeHome.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
