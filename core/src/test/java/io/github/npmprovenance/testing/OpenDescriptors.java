package io.github.npmprovenance.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths like a shell's {@code /dev/fd/63}: links that stand for a stream, not for a file to replace. */
public final class OpenDescriptors {
    private OpenDescriptors() {
    }

    /** {@code /dev/fd/N} for a descriptor this process has open on the file (Linux). */
    public static Path of(Path file) throws IOException {
        try (var descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : descriptors.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).equals(file.toAbsolutePath())) {
                        return Path.of("/dev/fd").resolve(fd.getFileName().toString());
                    }
                } catch (IOException e) {
                    // closed meanwhile (the listing's own descriptor)
                }
            }
        }
        throw new AssertionError("no descriptor open on " + file);
    }
}
