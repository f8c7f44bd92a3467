package io.github.npmprovenance.cli;

import java.io.PrintWriter;

/**
 * Whether what was printed reached standard output. {@link PrintWriter} and {@link System#out} both swallow write
 * errors: {@code verify --json > report.json} on a full disk, or into a closed pipe, would otherwise exit as if the
 * report had been delivered, leaving a cut-off one behind.
 */
final class StandardOutput {
    private StandardOutput() {
    }

    /** Flushes {@code out}, and says on {@code err} when anything written to it was lost. */
    static boolean delivered(PrintWriter out, PrintWriter err) {
        out.flush();
        if (out.checkError() || System.out.checkError()) {
            ErrorLine.print(err, "cannot write to standard output (a full disk, or a pipe closed early?): the "
                    + "output is incomplete");
            return false;
        }
        return true;
    }
}
