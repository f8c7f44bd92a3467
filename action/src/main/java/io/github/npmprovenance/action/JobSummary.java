package io.github.npmprovenance.action;

import java.nio.charset.StandardCharsets;

/** The job summary, kept under GitHub's 1 MiB limit per step. */
final class JobSummary {
    static final int LIMIT_BYTES = 1024 * 1024;
    private static final String TRUNCATED = "\n\n> **Truncated**: the full report is in the JSON and SARIF files.\n";

    private JobSummary() {
    }

    static String fit(String markdown) {
        byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= LIMIT_BYTES) {
            return markdown;
        }
        int budget = LIMIT_BYTES - TRUNCATED.getBytes(StandardCharsets.UTF_8).length - 8;
        String cut = new String(bytes, 0, budget, StandardCharsets.UTF_8);
        // never end in the middle of a character or a table row
        int lastLine = cut.lastIndexOf('\n');
        return cut.substring(0, Math.max(0, lastLine)) + TRUNCATED;
    }
}
