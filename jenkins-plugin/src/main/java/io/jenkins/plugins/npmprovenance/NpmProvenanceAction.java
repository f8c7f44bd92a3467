package io.jenkins.plugins.npmprovenance;

import hudson.model.Run;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.Report;
import io.jenkins.plugins.npmprovenance.model.BuildVerdict;
import io.jenkins.plugins.npmprovenance.model.ReportPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jenkins.model.RunAction2;

/**
 * The report on the build: a summary on the build page ({@code summary.jelly}) and a page with one row per package
 * ({@code index.jelly}). The report is kept as its JSON text, which build.xml stores as is. A build that runs the
 * step more than once (one lockfile each) gets one action each, at its own URL.
 */
public class NpmProvenanceAction implements RunAction2 {
    private final String reportJson;
    /** 1 for the build's first report; 0 in a build.xml written before there could be more. */
    private final int number;
    private transient Run<?, ?> run;
    private transient ReportPage page;

    NpmProvenanceAction(String reportJson, int number) {
        this.reportJson = reportJson;
        this.number = number;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-shield-checkmark-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return number <= 1 ? "npm provenance" : "npm provenance (" + getPage().getLockfile() + ")";
    }

    /** Stapler serves the first action with a URL name: a second report at the same one could never be seen. */
    @Override
    public String getUrlName() {
        return number <= 1 ? "npm-provenance" : "npm-provenance-" + number;
    }

    public synchronized ReportPage getPage() {
        if (page == null) {
            page = ReportPage.of(report());
        }
        return page;
    }

    /** The verdict, after the report's name on the build page and under it on the report page. */
    public String getVerdict() {
        return BuildVerdict.of(report()).text();
    }

    Report report() {
        try {
            return JsonReportWriter.read(reportJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
