package io.github.npmprovenance.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files that npm's configuration names, and so a project's {@code .npmrc} can name: any file the run can read (a
 * log, {@code /proc/kcore}). They are read only up to a size no real one reaches, never whole.
 */
final class BoundedFiles {
    private BoundedFiles() {
    }

    /** The file's bytes; empty when it holds more than {@code limit}, of which no more than that was read. */
    static Optional<byte[]> read(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
        }
    }
}
