package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import io.github.npmprovenance.testing.OpenDescriptors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
    private static final Path SHM = Path.of("/dev/shm");

    @TempDir
    Path outside;
    private Path checkout;

    @AfterEach
    void removeCheckout() throws IOException {
        if (checkout != null) {
            try (Stream<Path> files = Files.walk(checkout)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void aReportPathThatReachesTheLockfileAnotherWayWouldReplaceIt() throws Exception {
        // the CLI and the action refuse such a report path rather than write the report over the lockfile
        Path lockfile = Files.writeString(outside.resolve("package-lock.json"), "{}");
        Path linkedDirectory = Files.createSymbolicLink(outside.resolve("web"), outside);
        Path hardLink = Files.createLink(outside.resolve("report.json"), lockfile);

        assertThat(ReportFile.wouldReplace(outside.resolve("./package-lock.json"), lockfile)).isTrue();
        assertThat(ReportFile.wouldReplace(linkedDirectory.resolve("package-lock.json"), lockfile)).isTrue();
        assertThat(ReportFile.wouldReplace(hardLink, lockfile)).isTrue();
        // a report not written yet, or a link in the report's place (which create replaces), replaces nothing
        assertThat(ReportFile.wouldReplace(outside.resolve("new.json"), lockfile)).isFalse();
        Path link = Files.createSymbolicLink(outside.resolve("link.json"), lockfile);
        assertThat(ReportFile.wouldReplace(link, lockfile)).isFalse();
        assertThat(ReportFile.wouldReplace(hardLink, outside.resolve("missing-lock.json"))).isFalse();
    }

    @Test
    void aLinkInAReportsPlaceInACheckoutOnTmpfsUnderDevIsReplacedNotWrittenThrough() throws Exception {
        // /dev/shm is a tmpfs anyone may write, where CI puts workspaces to spare the disk: a Jenkins workspace there
        // is a checkout a pull request controls like any other, and npm-provenance/junit.xml can be committed as a link
        assumeThat(Files.isDirectory(SHM) && Files.isWritable(SHM)).as("writable /dev/shm").isTrue();
        checkout = Files.createTempDirectory(SHM, "workspace");
        Path victim = Files.writeString(outside.resolve("authorized_keys"), "keep me");
        Path reports = Files.createDirectories(checkout.resolve("npm-provenance"));
        Path report = Files.createSymbolicLink(reports.resolve("junit.xml"), victim);

        try (ReportFile.Output out = ReportFile.create(report)) {
            out.write("<testsuites/>".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }

        assertThat(victim).hasContent("keep me");
        assertThat(Files.isSymbolicLink(report)).isFalse();
        assertThat(report).hasContent("<testsuites/>");
    }

    @Test
    void aPathUnderDevThatStandsForAStreamIsWrittenThrough() throws Exception {
        // /dev/stdout, /dev/stderr and a shell's process substitution (/dev/fd/63) are links to a descriptor: the
        // report goes to what they stand for. Deleting the link fails (or, as root in a container, removes
        // /dev/stdout itself); this one stands for a descriptor this JVM holds open on a file
        Path target = outside.resolve("through-descriptor.json");
        try (OutputStream held = Files.newOutputStream(target)) {
            // what the run printed before, stdout being redirected to this file: appended to, not wiped
            held.write("FAILED: 3 packages\n".getBytes(StandardCharsets.UTF_8));
            held.flush();
            Path descriptor = OpenDescriptors.of(target);

            try (ReportFile.Output out = ReportFile.create(descriptor)) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
                out.commit();
            }

            assertThat(Files.isSymbolicLink(descriptor)).isTrue();
        }
        assertThat(target).hasContent("FAILED: 3 packages\n{}");
    }

    @Test
    void aReportThatFailsHalfWayLeavesThePreviousOneWhole() throws Exception {
        // a full disk or a job killed at its timeout: a later upload step sends whatever is at the path
        Path report = Files.writeString(outside.resolve("report.json"), "{\"previous\": \"complete\"}");

        try (ReportFile.Output out = ReportFile.create(report)) {
            out.write("{\"schemaVersion\": 1, \"pack".getBytes(StandardCharsets.UTF_8));
            // no commit: the writer failed
        }

        assertThat(report).hasContent("{\"previous\": \"complete\"}");
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files).containsExactly(report);
        }
    }

    @Test
    void aReportReplacesAHardLinkAtItsPathNotTheFileItSharesAnInodeWith() throws Exception {
        Path other = Files.writeString(outside.resolve("other.txt"), "someone else's file");
        Path report = Files.createLink(outside.resolve("report.json"), other);

        try (ReportFile.Output out = ReportFile.create(report)) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }

        assertThat(report).hasContent("{}");
        assertThat(other).hasContent("someone else's file");
    }

    @Test
    void aReportIsReadableByOthersAsAnyNewFileIs() throws Exception {
        // written as root in the action's container, read by the runner's user in the upload step after it
        Path report = outside.resolve("report.sarif");

        try (ReportFile.Output out = ReportFile.create(report)) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }

        Path plain = Files.writeString(outside.resolve("plain.txt"), "{}");
        assertThat(Files.getPosixFilePermissions(report)).isEqualTo(Files.getPosixFilePermissions(plain));
    }

    @Test
    void aNamedPipeAtThePathIsRefusedRatherThanWaitedOnOrReplaced() throws Exception {
        // opened, one with no reader would hold the run for ever; replaced, its reader would wait for ever
        Path fifo = outside.resolve("report.fifo");
        assumeThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        java.util.concurrent.CompletableFuture<Throwable> writing = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> {
                    try (ReportFile.Output out = ReportFile.create(fifo)) {
                        out.write("{}".getBytes(StandardCharsets.UTF_8));
                        out.commit();
                        return null;
                    } catch (IOException e) {
                        return e;
                    }
                });

        assertThat(writing.get(10, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(IOException.class)
                .hasMessageContaining("is a named pipe, socket or device, not a file");
        assertThat(Files.isRegularFile(fifo, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void aReportWhoseNameIsAsLongAsAFileNameMayBeIsWritten() throws Exception {
        // the name beside it for the rename must fit too
        Path report = outside.resolve("r".repeat(250) + ".json");

        try (ReportFile.Output out = ReportFile.create(report)) {
            out.write("{}".getBytes(StandardCharsets.UTF_8));
            out.commit();
        }

        assertThat(report).hasContent("{}");
    }

    @Test
    void aRenameThatFailsLeavesNothingBesideThePath() throws Exception {
        // a rename refused (a bind-mounted file, another user's in a sticky directory) is written in place instead;
        // here a directory that took the path after the report was begun refuses both
        Path report = Files.writeString(outside.resolve("report.json"), "old");
        ReportFile.Output out = ReportFile.create(report);
        out.write("{}".getBytes(StandardCharsets.UTF_8));
        try (Stream<Path> before = Files.list(outside)) {
            assertThat(before).containsExactly(report);
        }
        Files.delete(report);
        Files.createDirectory(report);
        Files.writeString(report.resolve("inside"), "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(out::commit).isInstanceOf(IOException.class);

        // the directory stays, and nothing is left beside it
        try (Stream<Path> after = Files.list(outside)) {
            assertThat(after).containsExactly(report);
        }
    }
}
