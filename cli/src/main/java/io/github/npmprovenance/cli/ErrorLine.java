package io.github.npmprovenance.cli;

import io.github.npmprovenance.report.Escape;
import java.io.PrintWriter;

/**
 * One diagnostic line on stderr. Messages quote lockfile, policy and registry text, and CI runners act on what a
 * line starts with (GitHub Actions runs {@code ::command::} lines), so the message can neither break the line nor
 * start one of its own.
 */
final class ErrorLine {
    private static final String PREFIX = "npm-provenance: ";

    private ErrorLine() {
    }

    static void print(PrintWriter err, String message) {
        err.println(PREFIX + text(message));
    }

    static void print(PrintWriter err, Throwable e) {
        print(err, e.getMessage() != null ? e.getMessage() : e.getClass().getName());
    }

    /** The message made safe for one line, for picocli to print in its own usage errors. */
    static String text(String message) {
        return Escape.plain(message == null ? "" : message);
    }
}
