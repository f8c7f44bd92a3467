package io.github.npmprovenance.cli;

import io.github.npmprovenance.verify.ProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A one-line counter on stderr, only when stderr is a terminal, redrawn at most ten times a second. */
final class Progress implements ProgressListener {
    private final PrintStream err;
    /** What is being done to each package: "verifying", "recording". */
    private final String doing;
    private long lastDraw;
    /**
     * Workers count a package done, then tell: counts can arrive out of order, and one that arrives after the last
     * has cleared the line would be left standing, the report written after it.
     */
    private int highest;
    private int drawnLength;

    Progress(PrintStream err, String doing) {
        this.err = err;
        this.doing = doing;
    }

    static ProgressListener forTerminal(PrintStream err, String doing) {
        return stderrIsTerminal() ? new Progress(err, doing) : ProgressListener.NONE;
    }

    /**
     * Whether stderr is a terminal, whatever stdin and stdout are ({@code verify > report.txt} at a terminal still
     * shows the counter), while {@code 2>build.log} or a CI log collector gets no carriage returns and escape codes.
     * {@code System.console()} only tells that stdin and stdout are terminals, so it decides only where nothing else
     * can tell.
     */
    private static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(fd, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        // without /proc (macOS, the BSDs), the shell can tell; where there is none (Windows), the console decides
        try {
            Process test = new ProcessBuilder("sh", "-c", "test -t 2").redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            test.getOutputStream().close();
            if (!test.waitFor(2, TimeUnit.SECONDS)) {
                test.destroy();
                return false;
            }
            return test.exitValue() == 0;
        } catch (IOException e) {
            return System.console() != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void progress(int done, int total) {
        if (done <= highest) {
            return;
        }
        highest = done;
        long now = System.nanoTime();
        if (done == total) {
            // spaces, not an escape code (erase line), which a terminal without them (TERM=dumb) would show
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.flush();
        } else if (now - lastDraw > 100_000_000L) {
            lastDraw = now;
            String line = doing + " " + done + "/" + total + " packages";
            drawnLength = Math.max(drawnLength, line.length());
            err.print("\r" + line);
            err.flush();
        }
    }
}
