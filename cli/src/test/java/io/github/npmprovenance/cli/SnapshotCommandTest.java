package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.policy.PolicyDecision;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotCommandTest {

    private static PackageReport withCheck(CheckResult check) {
        return new PackageReport("tuf-js", "1.0.0", List.of(new Location("package-lock.json", 3)), Status.ERROR, false,
                check.message(), check.code(), new PolicyDecision(false, "fail-on", "error fails"), List.of(check),
                Optional.empty(), false, false);
    }

    @Test
    void attestationsThatDidNotFitInMemoryWereNotRecorded() {
        // the Verifier's per-version OUT_OF_MEMORY for an attestations response is a provenance check, not a
        // registry-metadata one: nothing of those attestations reached the snapshot
        PackageReport oom = withCheck(CheckResult.of(CheckResult.PROVENANCE, Outcome.ERROR, "OUT_OF_MEMORY",
                "the attestations of tuf-js@1.0.0 did not fit in memory (maximum heap 64 MB)"));

        assertThat(SnapshotCommand.notRecorded(oom)).isTrue();
    }

    @Test
    void aProvenanceThatDoesNotVerifyWasRecordedAllTheSame() {
        PackageReport invalid = withCheck(CheckResult.of(CheckResult.PROVENANCE, Outcome.ERROR, "SUBJECT_NAME_MISMATCH",
                "the attestation is about another package"));

        assertThat(SnapshotCommand.notRecorded(invalid)).isFalse();
    }
}
