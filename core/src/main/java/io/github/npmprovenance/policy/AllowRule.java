package io.github.npmprovenance.policy;

import java.time.LocalDate;

/**
 * An exception: a package (name pattern, or exact {@code name@version}) that passes although its status would
 * fail, for a stated reason, until a date (inclusive).
 */
public record AllowRule(PackagePattern packages, String version, String reason, LocalDate expires, int line) {

    boolean matches(String name, String packageVersion) {
        return packages.matches(name) && (version.isEmpty() || version.equals(packageVersion));
    }

    String target() {
        return packages.text() + (version.isEmpty() ? "" : "@" + version);
    }
}
