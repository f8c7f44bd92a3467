package io.jenkins.plugins.npmprovenance;

import hudson.model.Run;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.Report;
import io.jenkins.plugins.npmprovenance.model.BuildVerdict;
import io.jenkins.plugins.npmprovenance.model.ReportPage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import jenkins.model.RunAction2;

/**
 * The report on the build: a summary on the build page ({@code summary.jelly}) and a page with one row per package
 * ({@code index.jelly}). A build that runs the step more than once (one lockfile each) gets one action each, at its
 * own URL.
 *
 * <p>The report's JSON is kept in its own file in the build's directory, as the junit plugin keeps its results, and
 * read when the report page is shown: build.xml, which Jenkins reads for every build it lists, holds only what the
 * build page shows (about 2 KB a package would make it megabytes). Builds from before keep the JSON in build.xml.
 */
public class NpmProvenanceAction implements RunAction2 {
    /** The report's JSON, in a build.xml written before reports had their own file; else null. */
    private final String reportJson;
    /** The report's file in the build's directory; null in a build.xml written before. */
    private final String reportFile;
    /** 1 for the build's first report; 0 in a build.xml written before there could be more. */
    private final int number;
    private final String lockfile;
    private final String verdict;
    private final String counts;
    private transient Run<?, ?> run;
    private transient SoftReference<ReportPage> page = new SoftReference<>(null);

    private NpmProvenanceAction(String reportJson, String reportFile, int number, Report report) {
        this.reportJson = reportJson;
        this.reportFile = reportFile;
        this.number = number;
        ReportPage summary = ReportPage.of(report);
        this.lockfile = summary.getLockfile();
        this.verdict = BuildVerdict.of(report).text();
        this.counts = counts(summary);
    }

    /** The build's {@code number}th report, written to its own file in the build's directory. */
    static NpmProvenanceAction keep(Run<?, ?> run, String reportJson, int number) throws IOException {
        Report report = JsonReportWriter.read(reportJson.getBytes(StandardCharsets.UTF_8));
        String name = "npm-provenance-" + number + ".json";
        Path directory = run.getRootDir().toPath();
        Path partial = Files.createTempFile(directory, name, ".tmp");
        try {
            Files.writeString(partial, reportJson, StandardCharsets.UTF_8);
            Files.move(partial, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        NpmProvenanceAction action = new NpmProvenanceAction(null, name, number, report);
        action.onAttached(run);
        return action;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** XStream sets no transient field on reading build.xml. */
    private Object readResolve() {
        page = new SoftReference<>(null);
        return this;
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
        return number <= 1 ? "npm provenance"
                : "npm provenance (" + (lockfile != null ? lockfile : getPage().getLockfile()) + ")";
    }

    /** Stapler serves the first action with a URL name: a second report at the same one could never be seen. */
    @Override
    public String getUrlName() {
        return number <= 1 ? "npm-provenance" : "npm-provenance-" + number;
    }

    public synchronized ReportPage getPage() {
        ReportPage shown = page.get();
        if (shown == null) {
            shown = ReportPage.of(report());
            page = new SoftReference<>(shown);
        }
        return shown;
    }

    /** The verdict, after the report's name on the build page and under it on the report page. */
    public String getVerdict() {
        return verdict != null ? verdict : BuildVerdict.of(report()).text();
    }

    /** The statuses' counts, on the build page. */
    public String getCounts() {
        return counts != null ? counts : counts(getPage());
    }

    private static String counts(ReportPage page) {
        ReportPage.Counts s = page.getSummary();
        return s.getVerified() + " verified, " + s.getSigned() + " signed, " + s.getUnsigned() + " unsigned, "
                + s.getInvalid() + " invalid, " + s.getError() + " not verifiable, " + s.getSkipped() + " skipped";
    }

    Report report() {
        byte[] json;
        if (reportJson != null) {
            json = reportJson.getBytes(StandardCharsets.UTF_8);
        } else {
            Path file = run.getRootDir().toPath().resolve(reportFile);
            try {
                json = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read this build's npm provenance report " + file, e);
            }
        }
        try {
            return JsonReportWriter.read(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
