package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.report.Annotation;
import io.github.npmprovenance.report.Annotations;
import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.report.MarkdownReportWriter;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.TextReportWriter;
import io.github.npmprovenance.report.TextLimit;
import java.util.List;

/**
 * The check to publish through the checks API plugin: the same annotations, on the same lockfile lines, as the
 * GitHub Action's check run (both come from {@link Annotations}).
 *
 * @param conclusion {@code SUCCESS}, {@code FAILURE} or {@code NEUTRAL}
 */
public record ChecksReport(String name, String conclusion, String title, String summary,
        List<Annotation> annotations) {
    /** GitHub's limit for one output's text, in UTF-8 bytes (github-checks would cut it, dropping our note). */
    static final int MAX_SUMMARY_BYTES = 65_535;
    /** GitHub refuses the whole check run when one annotation's title is longer (github-checks passes it as is). */
    static final int MAX_ANNOTATION_TITLE = 255;
    /** GitHub's limit for an annotation's message: 64 KB, in UTF-8 bytes, as the action counts it. */
    static final int MAX_ANNOTATION_MESSAGE_BYTES = 65_535;

    /**
     * The annotations a check gets, most severe first, as the action's check run ({@code CheckRunPublisher}):
     * github-checks sends 50 a request, and thousands (every package of a large lockfile while its registry is down)
     * ran into GitHub's secondary limit of content-creating requests a minute, which refused the rest.
     */
    static final int MAX_ANNOTATIONS = 1_000;

    /** The check's name for the repository's root lockfile; another lockfile's names it too. */
    public static final String NAME = "npm provenance";

    /**
     * One check per lockfile: a second step call in the build, for another lockfile of the repository (a
     * monorepo's), must not replace the first's check, a failing one by a passing one. A name is kept from build to
     * build, as required checks need.
     *
     * @param lockfileInRepository the lockfile's path from the repository's root, as the report's paths are
     */
    public static String nameFor(String lockfileInRepository) {
        String path = lockfileInRepository.replace('\\', '/');
        return List.of("package-lock.json", "npm-shrinkwrap.json").contains(path) ? NAME
                : NAME + " (" + Escape.plain(path) + ")";
    }

    public static ChecksReport of(String name, Report report) {
        // as the build: what made it UNSTABLE (a status fail-on let through) does not make the check green; NEUTRAL,
        // which required checks still accept, as fail-on asked
        String conclusion = switch (BuildVerdict.of(report).result()) {
            case BuildVerdict.SUCCESS -> "SUCCESS";
            case BuildVerdict.FAILURE -> "FAILURE";
            default -> "NEUTRAL";
        };
        String title = TextReportWriter.headline(report);
        List<Annotation> all = Annotations.of(report);
        int leftOut = all.size() - MAX_ANNOTATIONS;
        String note = leftOut <= 0 ? "" : "**" + leftOut + " more packages are not annotated** on the check, which "
                + "carries the first " + MAX_ANNOTATIONS + " annotations, most severe first (GitHub limits how many "
                + "requests may create content a minute). The build's report page lists them.\n\n";
        String markdown = TextLimit.markdownUtf8Bytes(note + new MarkdownReportWriter().render(report),
                MAX_SUMMARY_BYTES, "\n\n… (truncated; see the build's report page)");
        List<Annotation> annotations = all.subList(0, Math.min(all.size(), MAX_ANNOTATIONS)).stream()
                .map(a -> new Annotation(a.path(), a.line(), a.level(), TextLimit.chars(a.title(),
                        MAX_ANNOTATION_TITLE), TextLimit.utf8Bytes(a.message(), MAX_ANNOTATION_MESSAGE_BYTES, "…")))
                .toList();
        return new ChecksReport(name, conclusion, title, markdown, annotations);
    }
}
