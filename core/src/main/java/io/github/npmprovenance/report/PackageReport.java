package io.github.npmprovenance.report;

import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;

/**
 * One package in the report.
 *
 * @param reason one line: the decisive check's message
 */
public record PackageReport(String name, String version, List<Location> locations, Status status, boolean passed,
        String reason, List<CheckResult> checks, boolean dev, boolean optional) {
    public PackageReport {
        locations = List.copyOf(locations);
        checks = List.copyOf(checks);
    }

    public String id() {
        return name + "@" + version;
    }
}
