package io.github.npmprovenance.policy;

import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.SourceKind;
import java.time.LocalDate;

/**
 * An exception: a package (name pattern, or exact {@code name@version}) that passes although its status would
 * fail, for a stated reason, until a date (inclusive). A {@code name@version} names that release as the registry
 * publishes it: a package from git, a tarball URL or a folder says what version it likes, so it is not that release;
 * nor is an entry that pins no integrity, whose resolved URL npm downloads, wherever it points, and checks against
 * nothing.
 */
public record AllowRule(PackagePattern packages, String version, String reason, LocalDate expires, int line) {

    boolean matches(LockedPackage pkg) {
        return packages.matches(pkg.name()) && (version.isEmpty() || pkg.source() == SourceKind.REGISTRY
                && pkg.integrity().filter(i -> !i.isEmpty()).isPresent() && version.equals(pkg.version()));
    }

    String target() {
        return packages.text() + (version.isEmpty() ? "" : "@" + version);
    }
}
