package io.github.npmprovenance.verify;

import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.registry.VersionMetadata;

/** The lockfile must pin the very bytes the registry published: same digest for the strongest common algorithm. */
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
        var algorithm = locked.strongestCommonAlgorithm(published);
        if (algorithm.isEmpty()) {
            return CheckResult.of(CheckResult.INTEGRITY, Outcome.ERROR, "INTEGRITY_NO_COMMON_ALGORITHM",
                    "the lockfile's integrity (" + locked.strongestAlgorithm().orElse("none")
                            + ") and the registry's (" + published.strongestAlgorithm().orElse("none")
                            + ") share no hash algorithm");
        }
        if (!locked.matches(published)) {
            return CheckResult.of(CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH",
                    "lockfile integrity differs from the registry's (" + algorithm.get() + ")");
        }
        return CheckResult.pass(CheckResult.INTEGRITY,
                "lockfile integrity matches the registry's (" + algorithm.get() + ")");
    }
}
