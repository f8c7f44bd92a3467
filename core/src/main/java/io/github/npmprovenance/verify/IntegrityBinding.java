package io.github.npmprovenance.verify;

import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.registry.VersionMetadata;

/** The lockfile must pin the very bytes the registry published, as npm checks a download against it. */
final class IntegrityBinding {
    private IntegrityBinding() {
    }

    static CheckResult check(LockedPackage pkg, VersionMetadata metadata) {
        if (pkg.integrity().isEmpty() || pkg.integrity().get().isEmpty()) {
            return CheckResult.of(CheckResult.INTEGRITY, Outcome.ERROR, "LOCKFILE_INTEGRITY_MISSING",
                    "the lockfile has no usable integrity for this entry, so what gets installed is not pinned");
        }
        if (metadata.integrity().isEmpty()) {
            return CheckResult.of(CheckResult.INTEGRITY, Outcome.ERROR, "REGISTRY_INTEGRITY_MISSING",
                    "the registry publishes no integrity for this version");
        }
        Integrity locked = pkg.integrity().get();
        Integrity published = Integrity.parse(metadata.integrity().get());
        String checked = locked.strongestAlgorithm().orElseThrow();
        return switch (locked.bindingTo(published)) {
            case NO_COMMON_ALGORITHM -> CheckResult.of(CheckResult.INTEGRITY, Outcome.ERROR,
                    "INTEGRITY_NO_COMMON_ALGORITHM", "the lockfile's integrity (" + checked + ") and the registry's ("
                            + published.strongestAlgorithm().orElse("none") + ") share no hash algorithm");
            case DIFFERENT -> different(locked, locked.differingAlgorithm(published).orElseThrow());
            case UNBOUND -> CheckResult.of(CheckResult.INTEGRITY, Outcome.ERROR, "INTEGRITY_NOT_BOUND",
                    "npm will check the lockfile's " + checked + " digest, and the registry publishes no " + checked
                            + " for this version (only " + published.strongestAlgorithm().orElse("none")
                            + "), so what npm installs cannot be tied to what the registry published");
            case BOUND -> CheckResult.pass(CheckResult.INTEGRITY,
                    "lockfile integrity matches the registry's (" + checked + ")");
        };
    }

    private static CheckResult different(Integrity locked, String algorithm) {
        int listed = locked.digests(algorithm).size();
        return CheckResult.of(CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH",
                "lockfile integrity differs from the registry's (" + algorithm + ")" + (listed > 1 ? ": it lists "
                        + listed + " " + algorithm + " digests, not all of them the registry's, and npm accepts any one"
                        : ""));
    }
}
