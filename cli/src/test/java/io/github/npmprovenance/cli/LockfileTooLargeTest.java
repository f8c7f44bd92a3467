package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.registry.LocalStore;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lockfile too large for the heap is unreadable input: exit 2 and a message naming the file, never the JVM's
 * uncaught OutOfMemoryError, whose stack trace and exit status 1 would read as a failed policy.
 */
class LockfileTooLargeTest {
    @Test
    void aLockfileThatDoesNotFitInTheHeapIsAnInputErrorNamingIt(@TempDir Path dir) throws Exception {
        Path lockfile = dir.resolve("package-lock.json");
        try (BufferedWriter out = Files.newBufferedWriter(lockfile, StandardCharsets.UTF_8)) {
            out.write("{\"lockfileVersion\": 3, \"packages\": {\"\": {}");
            for (int i = 0; i < 400_000; i++) {
                out.write(",\n\"node_modules/p" + i + "\": {\"version\": \"1.0.0\", \"resolved\": "
                        + "\"https://example.invalid/p" + i + ".tgz\", \"integrity\": \"sha512-"
                        + "A".repeat(86) + "==\"}");
            }
            out.write("}}");
        }
        // offline, from an empty snapshot: no network
        Path snapshot = LocalStore.create(dir.resolve("snapshot")).root();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx32m", "-XX:-UsePerfData", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "verify", lockfile.toString(),
                "--offline", snapshot.toString(), "--no-cache"))
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                .start();
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(err).contains(lockfile.toString()).contains("too large for the memory available")
                .doesNotContain("OutOfMemoryError").doesNotContain("\tat ");
        assertThat(process.exitValue()).isEqualTo(2);
    }
}
