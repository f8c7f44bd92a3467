package io.github.npmprovenance.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobSummaryTest {
    @Test
    void aSummaryUnderTheLimitIsUntouched() {
        assertThat(JobSummary.fit("## ok\n| a | b |\n")).isEqualTo("## ok\n| a | b |\n");
    }

    @Test
    void anOversizedSummaryIsCutAtALineUnderOneMebibyteAndSaysSo() {
        StringBuilder markdown = new StringBuilder("## npm provenance: failed\n\n| package | status |\n|---|---|\n");
        while (markdown.length() < 2 * JobSummary.LIMIT_BYTES) {
            // multi-byte characters, so a cut by bytes could split one
            markdown.append("| pkg-é-").append(markdown.length()).append(" | INVALID |\n");
        }

        String fitted = JobSummary.fit(markdown.toString());

        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(JobSummary.LIMIT_BYTES);
        assertThat(fitted).startsWith("## npm provenance: failed").endsWith("the full report is in the JSON and SARIF files.\n")
                .doesNotContain("\uFFFD");
        String beforeNote = fitted.substring(0, fitted.indexOf("\n\n> **Truncated**"));
        assertThat(beforeNote).endsWith("| INVALID |");
    }

    @Test
    void theNoteOnHowTheRunReportedSurvivesTheCutOfAnOversizedReport() {
        // e.g. a pull request from a fork with thousands of failing packages: the workflow-command annotations GitHub
        // does not show are counted in the note, which must not be what the cut removes
        StringBuilder report = new StringBuilder("## npm provenance: failed\n\n| package | status |\n|---|---|\n");
        while (report.length() < 2 * JobSummary.LIMIT_BYTES) {
            report.append("| pkg-").append(report.length()).append(" | INVALID |\n");
        }
        String note = "\nNo check run could be created (…): annotations were written as workflow commands; GitHub "
                + "shows at most 10 per level, so 40000 more are only in this summary and the reports.\n";

        String fitted = JobSummary.fit(report.toString(), note);

        assertThat(fitted.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(JobSummary.LIMIT_BYTES);
        assertThat(fitted).endsWith(note).contains("> **Truncated**");
    }
}
