package io.github.npmprovenance.policy;

import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * An exception: a package (name pattern, or exact {@code name@version}) that passes although its status would
 * fail, for a stated reason, until a date (inclusive). A {@code name@version} names that release as the registry
 * publishes it: a package from git, a tarball URL or a folder says what version it likes, so it is not that release;
 * nor is an entry whose integrity the registry does not bind (none, only by an algorithm the registry does not
 * publish, or for a package or version the registry says it does not have), whose resolved URL npm downloads,
 * wherever it points, and checks against nothing the registry vouches for. The name
 * of a package from anywhere else, or of such an unbound entry, is only what its lockfile entry claims: an exception
 * by name names it by what the code imports it as, the folders it is installed in.
 */
public record AllowRule(PackagePattern packages, String version, String reason, LocalDate expires, int line) {
    /** The registry could not be reached, or did not answer for a while: not an answer about the package. */
    private static final Set<String> UNASKED = java.util.stream.Stream.of(RegistryException.Kind.TIMEOUT,
            RegistryException.Kind.CONNECTION, RegistryException.Kind.HTTP_ERROR, RegistryException.Kind.RATE_LIMITED)
            .map(RegistryException::code).collect(java.util.stream.Collectors.toUnmodifiableSet());

    boolean matches(PackageResult result) {
        LockedPackage pkg = result.pkg();
        boolean registryRelease = pkg.source() == SourceKind.REGISTRY
                && pkg.integrity().filter(i -> !i.isEmpty()).isPresent() && boundOrUnasked(result);
        if (!version.isEmpty()) {
            return registryRelease && packages.matches(pkg.name()) && version.equals(pkg.version());
        }
        if (registryRelease) {
            return packages.matches(pkg.name());
        }
        // what the code imports it as, every folder it is installed in: the entry's own name is only a claim, also
        // for a registry-shaped URL whose bytes nothing binds (npm downloads it from whatever host it names)
        return pkg.installedAs().stream().allMatch(packages::matches);
    }

    /**
     * The integrity was compared with the registry's and matched; or the registry could not be asked at all (an
     * outage such an exception is often written for): nothing said the pin was not the registry's. A registry that
     * answered that it has no such package or version, or a snapshot without it, binds nothing.
     */
    private static boolean boundOrUnasked(PackageResult result) {
        List<CheckResult> integrity = result.checks().stream()
                .filter(c -> c.name().equals(CheckResult.INTEGRITY)).toList();
        if (!integrity.isEmpty()) {
            return integrity.stream().allMatch(c -> c.outcome() == Outcome.PASS);
        }
        return result.checks().stream().anyMatch(c -> UNASKED.contains(c.code()));
    }

    String target() {
        return packages.text() + (version.isEmpty() ? "" : "@" + version);
    }
}
