package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped while a report is being put in place, as a job's timeout stops it. */
class ReportFileInterruptedTest {
    /**
     * Writes a report large enough to take a while, and exits, as SIGTERM makes the JVM exit, as soon as the file
     * beside its path appears.
     */
    public static final class StoppedWhileWriting {
        public static void main(String[] args) throws Exception {
            Path report = Path.of(args[0]);
            // as the command line and the action do
            ReportFile.removeUnfinishedAtExit();
            ReportFile.Output output = ReportFile.create(report);
            byte[] line = "{\"name\":\"filler\",\"status\":\"SIGNED\"},\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int i = 0; i < 200 * 1024 * 1024 / line.length; i++) {
                output.write(line);
            }
            Thread writer = new Thread(() -> {
                try {
                    output.commit();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.setDaemon(true);
            writer.start();
            while (true) {
                try (Stream<Path> files = Files.list(report.getParent())) {
                    if (files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp"))) {
                        System.exit(143);
                    }
                }
                if (!writer.isAlive()) {
                    // renamed before it was seen: the test cannot tell anything
                    System.exit(3);
                }
            }
        }
    }

    @Test
    void aReportWhoseHiddenFileWasRemovedAtExitIsNotWrittenInPlace(@TempDir Path dir) throws Exception {
        // the exit's removal between the write and the rename: writing in place then, as for a file that cannot be
        // renamed over, would cut the previous report short when the JVM halts
        Path report = Files.writeString(dir.resolve("report.json"), "{\"previous\":true}\n");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread exiting = new Thread(() -> {
            while (!stop.get()) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(f -> f.toFile().delete());
                } catch (java.io.IOException | java.io.UncheckedIOException e) {
                    // listed while one was renamed: the next round
                }
            }
        });
        exiting.start();
        int removed = 0;
        try {
            for (int i = 0; i < 200 && removed < 3; i++) {
                try (ReportFile.Output out = ReportFile.create(report)) {
                    out.write(new byte[4 * 1024 * 1024]);
                    out.commit();
                } catch (java.nio.file.NoSuchFileException e) {
                    removed++;
                    // before: written in place, the previous report replaced
                    assertThat(report).hasContent("{\"previous\":true}");
                }
                Files.writeString(report, "{\"previous\":true}\n");
            }
        } finally {
            stop.set(true);
            exiting.join();
        }
        // a commit that met the removal and did not fail wrote the report in place
        assertThat(removed).as("commits that failed for the removal of their hidden file").isPositive();
    }

    @Test
    void aRunStoppedBeforeTheRenameLeavesThePreviousReportAndNoHiddenFile(@TempDir Path dir) throws Exception {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        Path report = Files.writeString(reports.resolve("report.json"), "{\"previous\":true}\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                StoppedWhileWriting.class.getName(), report.toString())).inheritIO().start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(report).hasContent("{\"previous\":true}");
        // before: .report.json.<random>.tmp, hundreds of megabytes, which an upload of reports/** took along
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files).containsExactly(report);
        }
    }
}
