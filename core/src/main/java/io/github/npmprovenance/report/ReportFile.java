package io.github.npmprovenance.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a report is written, for every front end. What is at the path is replaced, and a symbolic link there is
 * replaced too, never written through: in CI the path is often inside a checkout, where a pull request can commit
 * the report's name as a link to any file the build may write. Under {@code /dev} and {@code /proc}, which no
 * checkout is in, a link stands for a stream the user asked for ({@code /dev/stdout}, a shell's {@code /dev/fd/63})
 * and is written through.
 */
public final class ReportFile {
    private ReportFile() {
    }

    public static OutputStream create(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith("/dev") || absolute.startsWith("/proc")) {
            return Files.newOutputStream(file);
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isSymbolicLink(file)) {
            Files.delete(file);
        }
        // and should a link appear in between, opening it fails
        return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }
}
