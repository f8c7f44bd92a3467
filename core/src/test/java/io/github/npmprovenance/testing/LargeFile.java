package io.github.npmprovenance.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A text file of comment lines larger than a limit: what a project's configuration may link to or name. */
public final class LargeFile {
    private LargeFile() {
    }

    /** Writes {@code file} with lines starting with {@code comment} until it holds more than {@code bytes}. */
    public static Path larger(Path file, long bytes, String comment) throws IOException {
        byte[] line = (comment + " a line of a file far larger than any such file is\n")
                .getBytes(StandardCharsets.US_ASCII);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written <= bytes; written += line.length) {
                out.write(line);
            }
        }
        return file;
    }
}
