package io.github.npmprovenance.action;

import io.github.npmprovenance.report.TextLimit;

/** The job summary, kept under GitHub's 1 MiB limit per step. */
final class JobSummary {
    static final int LIMIT_BYTES = 1024 * 1024;
    private static final String TRUNCATED = "\n\n> **Truncated**: the full report is in the JSON and SARIF files.\n";

    private JobSummary() {
    }

    static String fit(String markdown) {
        return TextLimit.utf8Bytes(markdown, LIMIT_BYTES, TRUNCATED);
    }
}
