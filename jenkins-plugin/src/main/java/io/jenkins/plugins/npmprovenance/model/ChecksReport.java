package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.report.Annotation;
import io.github.npmprovenance.report.Annotations;
import io.github.npmprovenance.report.MarkdownReportWriter;
import io.github.npmprovenance.report.Report;
import java.util.List;

/**
 * The check to publish through the checks API plugin: the same annotations, on the same lockfile lines, as the
 * GitHub Action's check run (both come from {@link Annotations}).
 *
 * @param conclusion {@code SUCCESS}, {@code FAILURE} or {@code NEUTRAL}
 */
public record ChecksReport(String name, String conclusion, String title, String summary,
        List<Annotation> annotations) {
    /** The checks API limits one output's text. */
    static final int MAX_SUMMARY = 65_535;

    public static ChecksReport of(String name, Report report) {
        String conclusion = switch (report.result()) {
            case PASSED -> "SUCCESS";
            case FAILED -> "FAILURE";
            case INCOMPLETE -> "NEUTRAL";
        };
        var s = report.summary();
        String title = s.failed() == 0
                ? "All " + s.total() + " packages passed (" + s.verified() + " with verified provenance)"
                : s.failed() + " of " + s.total() + " packages failed";
        String markdown = new MarkdownReportWriter().render(report);
        if (markdown.length() > MAX_SUMMARY) {
            markdown = markdown.substring(0, MAX_SUMMARY - 100) + "\n\n… (truncated; see the build's report page)";
        }
        return new ChecksReport(name, conclusion, title, markdown, Annotations.of(report));
    }
}
