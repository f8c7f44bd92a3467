package io.github.npmprovenance.report;

import io.github.npmprovenance.lockfile.Location;
import java.util.List;
import java.util.stream.Collectors;

import io.github.npmprovenance.attestation.ProvenanceFacts;

/** A Markdown report for job summaries and PR comments; all registry and lockfile text is escaped. */
public final class MarkdownReportWriter {

    public String render(Report report) {
        StringBuilder md = new StringBuilder();
        Summary s = report.summary();
        md.append("## npm provenance: ").append(switch (report.result()) {
            case PASSED -> "passed";
            case FAILED -> "failed";
            case INCOMPLETE -> "incomplete (some packages could not be verified)";
        }).append("\n\n");
        // fail-on is escaped too: a report read back from JSON (the Jenkins controller reads the agent's) says anything
        md.append("Lockfile ").append(codeSpan(report.lockfile())).append(", ")
                .append(Plural.of(s.total(), "package"))
                .append(report.changedSince().map(c -> " new or changed since " + codeSpan(c.base()) + " (of "
                        + c.lockfilePackages() + " in the lockfile; the others were not verified)").orElse(""))
                .append(", fail-on: ").append(Escape.markdown(report.failOn())).append("\n\n");
        md.append("| verified | signed | unsigned | invalid | error | skipped | failed |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        md.append("| ").append(s.verified()).append(" | ").append(s.signed()).append(" | ").append(s.unsigned())
                .append(" | ").append(s.invalid()).append(" | ").append(s.error()).append(" | ")
                .append(s.skipped()).append(" | ").append(s.failed()).append(" |\n\n");
        List<PackageReport> failing = report.failing();
        if (!failing.isEmpty()) {
            md.append("### Failing packages\n\n");
            table(md, failing);
            md.append('\n');
        }
        // as on stdout: an incomplete run says which packages it could not verify, not only how many
        List<PackageReport> unverified = report.unverified();
        if (!unverified.isEmpty()) {
            md.append("### Not verified (passed: fail-on leaves out error)\n\n");
            table(md, unverified);
            md.append('\n');
        }
        List<PackageReport> despite = report.passedDespiteStatus();
        if (!despite.isEmpty()) {
            md.append("### ").append(TextReportWriter.PASSED_DESPITE_STATUS).append("\n\n");
            table(md, despite);
            md.append('\n');
        }
        List<PackageReport> rest = report.packages().stream().filter(PackageReport::passed).toList();
        if (!rest.isEmpty()) {
            md.append("<details><summary>").append(Plural.of(rest.size(), "passing package")).append("</summary>\n\n");
            table(md, rest);
            md.append("\n</details>\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, List<PackageReport> packages) {
        md.append("| package | status | lockfile | reason | built from |\n|---|---|---|---|---|\n");
        for (PackageReport p : packages) {
            md.append("| ").append(Escape.markdown(p.id()))
                    .append(" | ").append(p.status())
                    .append(" | ").append(p.locations().stream().map(MarkdownReportWriter::location)
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(Escape.markdown(p.explanation()))
                    .append(" | ").append(p.provenance().map(MarkdownReportWriter::source).orElse(""))
                    .append(" |\n");
        }
    }

    /**
     * Source and Rekor links, only for values that are exactly what a GitHub repository, commit and Rekor entry
     * look like.
     */
    static String source(ProvenanceFacts facts) {
        // even a GitHub repository's name is text: it may hold www. or _x_
        String repository = Escape.markdown(facts.sourceUrl().map(url -> url.substring("https://github.com/".length()))
                .orElse(facts.sourceAsStated()));
        String source = facts.commitUrl()
                .map(url -> "[" + repository + "@" + facts.commit().substring(0, 12) + "](" + url + ")")
                .orElse(repository);
        return source + " (" + facts.rekorEntryUrl().map(url -> "[Rekor " + facts.rekorLogIndex() + "](" + url + ")")
                .orElse("Rekor " + facts.rekorLogIndex()) + ")";
    }

    private static String location(Location l) {
        return Escape.markdown(l.path()) + "&#58;" + l.line();
    }

    /** A code span shows its text as it is, but a blank line ends it, and a backtick closes it. */
    private static String codeSpan(String text) {
        return "`" + Escape.plain(text).replace("`", "'") + "`";
    }

}
