package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.TextReportWriter;
import io.github.npmprovenance.report.RunResult;
import java.util.List;

/**
 * What the build becomes: FAILURE when a package failed the policy; UNSTABLE when nothing failed but an invalid,
 * unsigned or error package passed because fail-on let its status through ({@link Report#letThroughByFailOn}; not a
 * skipped one, not verifiable by nature, nor one an allow exception passed); SUCCESS otherwise. Could-not-verify is
 * never silently a success.
 *
 * @param result one of {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE} (Jenkins' result names)
 * @param message one line for the console and the stage view
 */
public record BuildVerdict(String result, String message) {
    public static final String SUCCESS = "SUCCESS";
    public static final String UNSTABLE = "UNSTABLE";
    public static final String FAILURE = "FAILURE";

    /** What the console's and the stage view's lines begin with, to say which step speaks. */
    static final String PREFIX = "npm provenance: ";

    /** The message without {@link #PREFIX}: the build page names the report before it. */
    public String text() {
        return message.startsWith(PREFIX) ? message.substring(PREFIX.length()) : message;
    }

    public static BuildVerdict of(Report report) {
        var s = report.summary();
        String packages = TextReportWriter.packages(report);
        if (report.result() == RunResult.FAILED) {
            return new BuildVerdict(FAILURE, "npm provenance: " + s.failed() + " of " + packages + " failed ("
                    + TextReportWriter.failures(report) + "; fail-on: " + Escape.plain(report.failOn()) + ")");
        }
        // an unexpired allow exception is the project's decision, as for the CLI, not a status let through
        List<PackageReport> letThrough = report.letThroughByFailOn();
        if (!letThrough.isEmpty()) {
            return new BuildVerdict(UNSTABLE, "npm provenance: " + letThrough.size() + " of " + packages
                    + (letThrough.size() == 1 ? " was" : " were") + " not verified but did not fail the build "
                    + "(fail-on: " + Escape.plain(report.failOn()) + ")");
        }
        return new BuildVerdict(SUCCESS, "npm provenance: all " + packages + " passed (" + s.verified()
                + " with verified provenance)");
    }
}
