package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.policy.PolicyDecision;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCommandTest {
    @TempDir
    Path dir;

    /** {@code snapshot} then {@code verify --offline} of a project, with the user's .npmrc left out. */
    private record Recorded(CliRun snapshot, CliRun offline) {
    }

    private Recorded snapshotThenVerifyOffline(Path project, Path snapshot, String... verifyOptions) {
        CliRun record = CliRun.of("snapshot", project.toString(), "--to", snapshot.toString(),
                "--userconfig", dir.resolve("none").toString());
        List<String> verify = new java.util.ArrayList<>(List.of("verify", project.toString(), "--offline",
                snapshot.toString(), "--userconfig", dir.resolve("none").toString(), "--verbose"));
        verify.addAll(List.of(verifyOptions));
        return new Recorded(record, CliRun.of(verify.toArray(String[]::new)));
    }

    /**
     * {@code /npm/a_b/} and {@code /npm/a/b/} on one host read the same as a directory name ({@code http} and
     * {@code https} would too): recorded in one place, one registry's keys were read as the other's.
     */
    @Test
    void registriesWhoseNamesReadAlikeAreRecordedApart() throws Exception {
        try (FixtureRegistry signing = FixtureRegistry.start("/npm/a_b/");
                FixtureRegistry unsigned = signing.beside("/npm/a/b/")) {
            // a registry that neither signs nor attests, as a private Verdaccio may be
            unsigned.removeKeys();
            ((com.fasterxml.jackson.databind.node.ObjectNode) unsigned.version("@playwright/cli", "0.1.1")
                    .path("dist")).remove("attestations");
            Path project = new TestLockfile().add("sigstore", "1.0.0").add("@playwright/cli", "0.1.1")
                    .writeTo(dir.resolve("project")).getParent();
            Files.writeString(project.resolve(".npmrc"), "registry=" + signing.url() + "\n"
                    + "@playwright:registry=" + unsigned.url() + "\n");

            Recorded run = snapshotThenVerifyOffline(project, dir.resolve("snapshot"));

            assertThat(run.snapshot().exitCode()).as(run.snapshot().out() + run.snapshot().err()).isZero();
            assertThat(run.offline().exitCode()).as(run.offline().out() + run.offline().err()).isZero();
            assertThat(run.offline().out()).contains("VERIFIED sigstore@1.0.0")
                    .contains("SKIPPED  @playwright/cli@0.1.1");
        }
    }

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
