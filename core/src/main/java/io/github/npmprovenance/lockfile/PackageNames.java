package io.github.npmprovenance.lockfile;

import java.util.regex.Pattern;

/**
 * npm's rules for names and versions that may reach a registry URL or a cache path. Everything read from a
 * lockfile is hostile until it passes here.
 */
public final class PackageNames {
    // validate-npm-package-name, with upper case kept for legacy packages (e.g. JSONStream)
    private static final Pattern NAME =
            Pattern.compile("(?:@[A-Za-z0-9~*-][A-Za-z0-9~*._-]*/)?[A-Za-z0-9~-][A-Za-z0-9~._-]*");
    // semver's: a number up to Number.MAX_SAFE_INTEGER, 16 digits (date-stamped patch versions have 10 and more)
    private static final Pattern VERSION =
            Pattern.compile("\\d{1,16}\\.\\d{1,16}\\.\\d{1,16}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?");

    private PackageNames() {
    }

    public static boolean isValidName(String name) {
        return name.length() <= 214 && NAME.matcher(name).matches();
    }

    public static boolean isValidVersion(String version) {
        return version.length() <= 256 && VERSION.matcher(version).matches();
    }

    /** The name as a single URL path segment, as npm requests it: {@code @scope%2fname}. */
    public static String escape(String name) {
        return name.replace("/", "%2f");
    }
}
