package io.github.npmprovenance.policy;

import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.time.LocalDate;
import java.util.List;

/**
 * An exception: a package (name pattern, or exact {@code name@version}) that passes although its status would
 * fail, for a stated reason, until a date (inclusive). A {@code name@version} names that release as the registry
 * publishes it: a package from git, a tarball URL or a folder says what version it likes, so it is not that release;
 * nor is an entry whose integrity the registry does not bind (none, or only by an algorithm the registry does not
 * publish), whose resolved URL npm downloads, wherever it points, and checks against nothing the registry vouches
 * for. The name
 * of a package from anywhere else, or of such an unbound entry, is only what its lockfile entry claims: an exception
 * by name names it by what the code imports it as, the folders it is installed in.
 */
public record AllowRule(PackagePattern packages, String version, String reason, LocalDate expires, int line) {

    boolean matches(PackageResult result) {
        LockedPackage pkg = result.pkg();
        if (!version.isEmpty()) {
            return packages.matches(pkg.name()) && pkg.source() == SourceKind.REGISTRY
                    && version.equals(pkg.version()) && pkg.integrity().filter(i -> !i.isEmpty()).isPresent()
                    && !integrityUnbound(result);
        }
        if (pkg.source() == SourceKind.REGISTRY && pkg.integrity().filter(i -> !i.isEmpty()).isPresent()
                && !integrityUnbound(result)) {
            return packages.matches(pkg.name());
        }
        // what the code imports it as, every folder it is installed in: the entry's own name is only a claim, also
        // for a registry-shaped URL whose bytes nothing binds (npm downloads it from whatever host it names)
        return (pkg.aliases().isEmpty() ? List.of(pkg.name()) : pkg.aliases()).stream().allMatch(packages::matches);
    }

    /**
     * The integrity was compared with the registry's and could not be bound to it. Not when the registry could not be
     * asked at all (an outage such an exception is often written for): nothing said the pin was not the registry's.
     */
    private static boolean integrityUnbound(PackageResult result) {
        return result.checks().stream().anyMatch(c -> c.name().equals(CheckResult.INTEGRITY)
                && c.outcome() != Outcome.PASS);
    }

    String target() {
        return packages.text() + (version.isEmpty() ? "" : "@" + version);
    }
}
