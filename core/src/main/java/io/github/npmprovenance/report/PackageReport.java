package io.github.npmprovenance.report;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Optional;

/**
 * One package in the report.
 *
 * @param reason one line: the deciding check's message
 * @param code the deciding check's code; empty when it passed
 * @param provenance what verified provenance proves; absent unless provenance verified
 */
public record PackageReport(String name, String version, List<Location> locations, Status status, boolean passed,
        String reason, String code, List<CheckResult> checks, Optional<ProvenanceFacts> provenance, boolean dev,
        boolean optional) {
    public PackageReport {
        locations = List.copyOf(locations);
        checks = List.copyOf(checks);
    }

    public String id() {
        return name + "@" + version;
    }
}
