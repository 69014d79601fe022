package io.otsoc.routes.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the way a shell does, through the {@code PATH} environment variable. */
final class SearchPath {

    private final String path;

    SearchPath(String path) {
        this.path = path == null ? "" : path;
    }

    static SearchPath system() {
        return new SearchPath(System.getenv("PATH"));
    }

    /** The executable file named {@code program} in the first PATH directory holding one. */
    Optional<Path> find(String program) {
        if (program.contains(File.separator)) {
            Path direct = Path.of(program);
            return Files.isRegularFile(direct) && Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
