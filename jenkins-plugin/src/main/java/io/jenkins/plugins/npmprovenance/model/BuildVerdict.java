package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.report.Plural;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.RunResult;
import java.util.List;

/**
 * What the build becomes: FAILURE when a package failed the policy; UNSTABLE when nothing failed but something was
 * not verified (errors, or statuses fail-on let through; not those an allow exception passed); SUCCESS otherwise. Could-not-verify is never silently
 * a success.
 *
 * @param result one of {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE} (Jenkins' result names)
 * @param message one line for the console and the stage view
 */
public record BuildVerdict(String result, String message) {
    public static final String SUCCESS = "SUCCESS";
    public static final String UNSTABLE = "UNSTABLE";
    public static final String FAILURE = "FAILURE";

    public static BuildVerdict of(Report report) {
        var s = report.summary();
        if (report.result() == RunResult.FAILED) {
            return new BuildVerdict(FAILURE, "npm provenance: " + s.failed() + " of " + packages(report)
                    + " failed (" + s.invalid() + " invalid, " + s.unsigned()
                    + " unsigned, " + s.error()
                    + " could not be verified; fail-on: " + report.failOn() + ")");
        }
        // an unexpired allow exception is the project's decision, as for the CLI, not a status let through
        List<PackageReport> letThrough = report.letThroughByFailOn();
        if (!letThrough.isEmpty()) {
            return new BuildVerdict(UNSTABLE, "npm provenance: " + letThrough.size() + " of " + packages(report)
                    + (letThrough.size() == 1 ? " was" : " were")
                    + " not verified but did not fail the build (fail-on: " + report.failOn() + ")");
        }
        return new BuildVerdict(SUCCESS, "npm provenance: all " + packages(report) + " passed ("
                + s.verified()
                + " with verified provenance)");
    }

    /**
     * How many packages the report covers, in words: {@code 312 packages}, or, when changed mode verified only those
     * new or changed since a base, {@code 3 packages new or changed since origin/main (of 312)}, so that no line
     * of the console, the build page, the stage view or the check reads as if the lockfile held only those.
     */
    public static String packages(Report report) {
        return Plural.of(report.summary().total(), "package") + report.changedSince()
                .map(c -> " new or changed since " + Escape.plain(c.base()) + " (of " + c.lockfilePackages() + ")")
                .orElse("");
    }
}
