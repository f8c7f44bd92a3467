package io.github.npmprovenance.verify;

import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.lockfile.LockedPackage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A package and what the checks found; the status follows from the checks.
 *
 * @param provenance what verified provenance proves about the build; empty unless provenance verified
 */
public record PackageResult(LockedPackage pkg, Status status, List<CheckResult> checks,
        Optional<ProvenanceFacts> provenance) {
    public PackageResult {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
        Objects.requireNonNull(provenance, "provenance");
    }

    public static PackageResult of(LockedPackage pkg, List<CheckResult> checks) {
        return new PackageResult(pkg, statusOf(checks), checks, Optional.empty());
    }

    public static PackageResult of(LockedPackage pkg, List<CheckResult> checks, Optional<ProvenanceFacts> provenance) {
        return new PackageResult(pkg, statusOf(checks), checks, provenance);
    }

    /** The check that decided the status: its message is the package's one-line reason. */
    public Optional<CheckResult> decisiveCheck() {
        return switch (status) {
            case INVALID -> first(c -> c.outcome() == Outcome.FAIL);
            case ERROR -> first(c -> c.outcome() == Outcome.ERROR);
            case UNSIGNED -> named(CheckResult.REGISTRY_SIGNATURE);
            case SKIPPED -> first(c -> c.outcome() == Outcome.SKIPPED);
            case SIGNED -> named(CheckResult.REGISTRY_SIGNATURE);
            case VERIFIED -> named(CheckResult.PROVENANCE);
        };
    }

    /** One line saying why the package has its status. */
    public String reason() {
        return decisiveCheck().map(CheckResult::message).orElse("");
    }

    private Optional<CheckResult> named(String name) {
        return first(c -> c.name().equals(name));
    }

    private Optional<CheckResult> first(java.util.function.Predicate<CheckResult> predicate) {
        return checks.stream().filter(predicate).findFirst();
    }

    static Status statusOf(List<CheckResult> checks) {
        if (has(checks, Outcome.FAIL)) {
            return Status.INVALID;
        }
        if (has(checks, Outcome.ERROR)) {
            return Status.ERROR;
        }
        Optional<CheckResult> signature = checks.stream()
                .filter(c -> c.name().equals(CheckResult.REGISTRY_SIGNATURE)).findFirst();
        if (signature.isEmpty()) {
            // nothing was checked against a registry (e.g. a git dependency)
            return Status.SKIPPED;
        }
        boolean provenanceVerified = checks.stream()
                .anyMatch(c -> c.name().equals(CheckResult.PROVENANCE) && c.outcome() == Outcome.PASS);
        return switch (signature.get().outcome()) {
            case ABSENT -> Status.UNSIGNED;
            case SKIPPED -> Status.SKIPPED;
            default -> provenanceVerified ? Status.VERIFIED : Status.SIGNED;
        };
    }

    private static boolean has(List<CheckResult> checks, Outcome outcome) {
        return checks.stream().anyMatch(c -> c.outcome() == outcome);
    }
}
