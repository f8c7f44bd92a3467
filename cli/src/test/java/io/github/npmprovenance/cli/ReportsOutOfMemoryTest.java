package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report that does not fit in the heap the verification fitted in is a report not written, not a crash. */
class ReportsOutOfMemoryTest {
    private static final int PACKAGES = 10_000;

    @Test
    void aReportTooLargeForTheHeapIsExit2WithTheReasonAndTheOtherReportsAreWritten(@TempDir Path dir)
            throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile();
            registry.putFillers(PACKAGES, lockfile);
            lockfile.writeTo(dir);

            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // the verification and the text summary fit in 40 MB; the JSON report, held whole until it is renamed
            // into place, does not
            Process process = new ProcessBuilder(List.of(java, "-Xmx40m",
                    "-XX:+UseSerialGC", "-XX:-UsePerfData",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "verify", dir.toString(),
                    "--registry", registry.url().toString(), "--no-cache", "--userconfig",
                    dir.resolve("no-npmrc").toString(), "--report-json", dir.resolve("report.json").toString(),
                    "--report-markdown", dir.resolve("report.md").toString()))
                    .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile())
                    .start();
            process.getOutputStream().close();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            String err = Files.readString(dir.resolve("err.txt"));
            // before: exit 1, a policy failure, with the JVM's stack trace
            assertThat(err).contains("cannot write the JSON report " + dir.resolve("report.json")
                    + ": too large for the memory available (maximum heap ").doesNotContain("\tat ");
            assertThat(process.exitValue()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(dir.resolve("report.json")).doesNotExist();
            assertThat(Files.readString(dir.resolve("out.txt"))).startsWith("FAILED: " + PACKAGES + " packages");
            assertThat(dir.resolve("report.md")).isNotEmptyFile();
        }
    }
}
