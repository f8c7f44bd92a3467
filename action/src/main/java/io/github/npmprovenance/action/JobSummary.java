package io.github.npmprovenance.action;

import io.github.npmprovenance.report.TextLimit;

/** The job summary, kept under GitHub's 1 MiB limit per step. */
final class JobSummary {
    static final int LIMIT_BYTES = 1024 * 1024;
    private static final String TRUNCATED = "\n\n> **Truncated**: the full report is in the JSON and SARIF files.\n";

    private JobSummary() {
    }

    static String fit(String markdown) {
        return fit(markdown, "");
    }

    /**
     * The report cut to leave room for the note after it, which says how the run reported (a check run GitHub
     * refused, annotations GitHub does not show): a report big enough to be cut is the one with the most to say.
     */
    static String fit(String report, String note) {
        return TextLimit.markdownUtf8Bytes(report, LIMIT_BYTES - TextLimit.utf8Length(note), TRUNCATED) + note;
    }
}
