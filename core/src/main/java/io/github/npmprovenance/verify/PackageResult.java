package io.github.npmprovenance.verify;

import io.github.npmprovenance.lockfile.LockedPackage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A package and what the checks found; the status follows from the checks. */
public record PackageResult(LockedPackage pkg, Status status, List<CheckResult> checks) {
    public PackageResult {
        Objects.requireNonNull(pkg, "pkg");
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
    }

    public static PackageResult of(LockedPackage pkg, List<CheckResult> checks) {
        return new PackageResult(pkg, statusOf(checks), checks);
    }

    /** The first check that decided a non-passing status, for one-line reasons. */
    public Optional<CheckResult> decisiveCheck() {
        for (Outcome outcome : List.of(Outcome.FAIL, Outcome.ERROR, Outcome.ABSENT, Outcome.SKIPPED)) {
            Optional<CheckResult> found = checks.stream().filter(c -> c.outcome() == outcome).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** One line saying why, for failing packages; the passing check's message otherwise. */
    public String reason() {
        return decisiveCheck().or(() -> checks.stream().reduce((a, b) -> b)).map(CheckResult::message).orElse("");
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
        return switch (signature.get().outcome()) {
            case ABSENT -> Status.UNSIGNED;
            case SKIPPED -> Status.SKIPPED;
            default -> Status.SIGNED;
        };
    }

    private static boolean has(List<CheckResult> checks, Outcome outcome) {
        return checks.stream().anyMatch(c -> c.outcome() == outcome);
    }
}
