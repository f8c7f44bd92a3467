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
 * ({@code index.jelly}). The report is kept as its JSON text, which build.xml stores as is.
 */
public class NpmProvenanceAction implements RunAction2 {
    private final String reportJson;
    private transient Run<?, ?> run;
    private transient ReportPage page;

    NpmProvenanceAction(String reportJson) {
        this.reportJson = reportJson;
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
        return "npm provenance";
    }

    @Override
    public String getUrlName() {
        return "npm-provenance";
    }

    public synchronized ReportPage getPage() {
        if (page == null) {
            page = ReportPage.of(report());
        }
        return page;
    }

    public String getVerdict() {
        return BuildVerdict.of(report()).message();
    }

    Report report() {
        try {
            return JsonReportWriter.read(reportJson.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
