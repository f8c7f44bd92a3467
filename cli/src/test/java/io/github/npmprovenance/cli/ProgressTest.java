package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The progress counter, in a fresh JVM whose standard streams are a real terminal or a file. */
class ProgressTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    /**
     * Runs the demo verification with stdin and stdout on a pseudo-terminal (util-linux {@code script}), so that
     * {@code System.console()} exists, and stderr as the shell command says.
     */
    private static String stderrOf(Path dir, String stderrRedirect) throws Exception {
        assertThat(terminal(dir, stderrRedirect)).contains("8 packages in");
        return Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    }

    /** @return what reached the terminal */
    private static String terminal(Path dir, String redirects) throws Exception {
        return terminal(dir, redirects, "verify", "../examples/demo", "--offline", "../examples/demo/snapshot",
                "--registry", "https://registry.npmjs.org/");
    }

    /** @return what reached the terminal from the command given by its arguments */
    private static String terminal(Path dir, String redirects, String... arguments) throws Exception {
        assumeThat(Files.isExecutable(SCRIPT)).as("util-linux script").isTrue();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = Stream.concat(Stream.of(java, "-cp", System.getProperty("java.class.path"),
                        Main.class.getName()), Stream.of(arguments))
                .map(ProgressTest::quote).collect(Collectors.joining(" ")) + " " + redirects;
        Process process = new ProcessBuilder(List.of(SCRIPT.toString(), "-qec", command, "/dev/null"))
                .redirectOutput(dir.resolve("terminal.txt").toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Files.readString(dir.resolve("terminal.txt"));
    }

    @Test
    void snapshotShowsItsProgressToo(@TempDir Path dir) throws Exception {
        // recording a large lockfile takes minutes online: it said nothing until the end
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            String terminal = terminal(dir, "", "snapshot", "../examples/demo", "--to", dir.resolve("s").toString(),
                    "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());

            assertThat(terminal).contains("recording ", "5 package versions recorded").doesNotContain("verifying");
        }
    }

    private static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    @Test
    void aCountToldLateAfterTheLastIsNotDrawnOverTheClearedLine() throws Exception {
        // workers count their packages first and tell the counter after: the one that counted 7 can tell it after
        // the one that counted 8 cleared the line, which would then stay, with the summary written after it
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(terminal, true, StandardCharsets.UTF_8), "verifying");

        progress.progress(6, 8);
        Thread.sleep(150);
        progress.progress(8, 8);
        Thread.sleep(150);
        progress.progress(7, 8);

        String drawn = terminal.toString(StandardCharsets.UTF_8);
        assertThat(drawn).startsWith("\rverifying 6/8 packages");
        assertThat(drawn.substring(drawn.lastIndexOf('\r'))).doesNotContain("verifying");
    }

    @Test
    void theCounterIsClearedWithoutEscapeCodes() {
        // a terminal that reads no escape codes (TERM=dumb: Emacs' shell, some CI consoles) showed "^[[K"
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        Progress progress = new Progress(new PrintStream(terminal, true, StandardCharsets.UTF_8), "verifying");

        progress.progress(99, 100);
        progress.progress(100, 100);

        assertThat(terminal.toString(StandardCharsets.UTF_8)).doesNotContain("\u001b")
                .isEqualTo("\rverifying 99/100 packages\r" + " ".repeat(25) + "\r");
    }

    @Test
    void noProgressWhenStderrIsAFileThoughStdoutIsATerminal(@TempDir Path dir) throws Exception {
        String err = stderrOf(dir, "2>" + quote(dir.resolve("err.txt").toString()));

        assertThat(err).doesNotContain("verifying", "\r", "\u001b");
    }

    @Test
    void progressWhenStderrIsATerminal(@TempDir Path dir) throws Exception {
        // stderr stays on the terminal; a copy of what the counter draws is not needed, only that it ran: the
        // terminal transcript holds it
        stderrOf(dir, "; : >" + quote(dir.resolve("err.txt").toString()));

        assertThat(Files.readString(dir.resolve("terminal.txt"))).contains("verifying ");
    }

    @Test
    void progressWhenStderrIsATerminalThoughStdoutGoesToAFile(@TempDir Path dir) throws Exception {
        // `npm-provenance verify > report.txt` at a terminal: System.console() is null, stderr is still the terminal
        String terminal = terminal(dir, ">" + quote(dir.resolve("out.txt").toString()));

        assertThat(Files.readString(dir.resolve("out.txt"))).contains("8 packages in").doesNotContain("verifying");
        assertThat(terminal).contains("verifying ");
    }
}
