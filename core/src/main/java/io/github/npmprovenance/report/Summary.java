package io.github.npmprovenance.report;

/** Package counts per status, and how many passed or failed the policy. */
public record Summary(int total, int verified, int signed, int unsigned, int invalid, int error, int skipped,
        int passed, int failed) {
}
