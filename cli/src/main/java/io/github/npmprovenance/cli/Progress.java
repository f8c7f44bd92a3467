package io.github.npmprovenance.cli;

import io.github.npmprovenance.verify.ProgressListener;
import java.io.PrintStream;

/** A one-line counter on stderr, only when stderr is a terminal, redrawn at most ten times a second. */
final class Progress implements ProgressListener {
    private final PrintStream err;
    private long lastDraw;

    private Progress(PrintStream err) {
        this.err = err;
    }

    static ProgressListener forTerminal(PrintStream err) {
        return System.console() != null ? new Progress(err) : ProgressListener.NONE;
    }

    @Override
    public synchronized void progress(int done, int total) {
        long now = System.nanoTime();
        if (done == total) {
            err.print("\r\033[K");
            err.flush();
        } else if (now - lastDraw > 100_000_000L) {
            lastDraw = now;
            err.print("\rverifying " + done + "/" + total + " packages");
            err.flush();
        }
    }
}
