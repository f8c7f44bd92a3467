package io.github.npmprovenance.policy;

import io.github.npmprovenance.lockfile.SourceKind;
import java.time.LocalDate;

/**
 * An exception: a package (name pattern, or exact {@code name@version}) that passes although its status would
 * fail, for a stated reason, until a date (inclusive). A {@code name@version} names that release as the registry
 * publishes it: a package from git, a tarball URL or a folder says what version it likes, so it is not that release.
 */
public record AllowRule(PackagePattern packages, String version, String reason, LocalDate expires, int line) {

    boolean matches(String name, String packageVersion, SourceKind source) {
        return packages.matches(name)
                && (version.isEmpty() || source == SourceKind.REGISTRY && version.equals(packageVersion));
    }

    String target() {
        return packages.text() + (version.isEmpty() ? "" : "@" + version);
    }
}
