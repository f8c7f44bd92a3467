package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.TextReportWriter;
import io.github.npmprovenance.report.Summary;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the build page shows, ready for Jelly: plain strings, links only where they are exactly what a GitHub
 * repository, commit or Rekor entry URL looks like (everything is escaped by Jelly on output anyway). Jelly escapes
 * HTML, not what a browser does with control and bidirectional characters: text from the lockfile and registry is
 * made plain ({@link Escape#plain}) as in the build log, or a right-to-left override in a version would show
 * {@code nuxt@1.0.0} as {@code nuxt@0.0.1}.
 */
public record ReportPage(String lockfile, Summary summary, List<Row> rows, String packages) {

    /**
     * One package.
     *
     * @param sourceUrl link to the source repository, or empty
     * @param commitUrl link to the commit, or empty
     * @param rekorUrl link to the transparency-log entry, or empty
     */
    public record Row(String name, String version, String status, boolean passed, String reason, String location,
            String sourceRepository, String sourceUrl, String commit, String commitUrl, String workflow,
            String rekorUrl) {
        public String getName() {
            return name;
        }

        public String getVersion() {
            return version;
        }

        public String getStatus() {
            return status;
        }

        public boolean isPassed() {
            return passed;
        }

        public String getReason() {
            return reason;
        }

        public String getLocation() {
            return location;
        }

        public String getSourceRepository() {
            return sourceRepository;
        }

        public String getSourceUrl() {
            return sourceUrl;
        }

        public String getCommit() {
            return commit;
        }

        public String getCommitUrl() {
            return commitUrl;
        }

        public String getWorkflow() {
            return workflow;
        }

        public String getRekorUrl() {
            return rekorUrl;
        }
    }

    /** Failing packages first (most severe first), then the rest in lockfile order. */
    public static ReportPage of(Report report) {
        List<Row> rows = report.packages().stream()
                .sorted(Comparator.comparing(PackageReport::passed).thenComparing(p -> p.passed() ? 0 : p.status().ordinal()))
                .map(ReportPage::row).toList();
        return new ReportPage(Escape.plain(report.lockfile()), report.summary(), rows,
                TextReportWriter.packages(report));
    }

    private static Row row(PackageReport p) {
        Optional<ProvenanceFacts> facts = p.provenance();
        String repository = facts.map(ProvenanceFacts::sourceAsStated).map(Escape::plain).orElse("");
        String commit = facts.map(ProvenanceFacts::commit).map(Escape::plain).orElse("");
        return new Row(Escape.plain(p.name()), Escape.plain(p.version()), p.status().name(), p.passed(),
                Escape.plain(p.explanation()), p.locations().stream().map(l -> Escape.plain(l.path()) + ":" + l.line())
                        .collect(Collectors.joining(", ")),
                repository, facts.flatMap(ProvenanceFacts::sourceUrl).orElse(""), commit,
                facts.flatMap(ProvenanceFacts::commitUrl).orElse(""),
                facts.map(ProvenanceFacts::workflowPath).map(Escape::plain).orElse(""),
                facts.flatMap(ProvenanceFacts::rekorEntryUrl).orElse(""));
    }

    public String getLockfile() {
        return lockfile;
    }

    /** {@link TextReportWriter#packages}: says so when changed mode verified only part of the lockfile. */
    public String getPackages() {
        return packages;
    }

    /** The counts, with getters: Jelly's JEXL reads {@code summary.total} as {@code getTotal()}, never {@code total()}. */
    public Counts getSummary() {
        return new Counts(summary);
    }

    /** {@link Summary} as JavaBeans properties for the views. */
    public static final class Counts {
        private final Summary summary;

        Counts(Summary summary) {
            this.summary = summary;
        }

        public int getTotal() {
            return summary.total();
        }

        public int getVerified() {
            return summary.verified();
        }

        public int getSigned() {
            return summary.signed();
        }

        public int getUnsigned() {
            return summary.unsigned();
        }

        public int getInvalid() {
            return summary.invalid();
        }

        public int getError() {
            return summary.error();
        }

        public int getSkipped() {
            return summary.skipped();
        }

        public int getPassed() {
            return summary.passed();
        }

        public int getFailed() {
            return summary.failed();
        }
    }

    public List<Row> getRows() {
        return rows;
    }
}
