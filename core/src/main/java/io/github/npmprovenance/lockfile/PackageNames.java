package io.github.npmprovenance.lockfile;

import java.util.regex.Pattern;

/**
 * npm's rules for names and versions that may reach a registry URL or a cache path. Everything read from a
 * lockfile is hostile until it passes here.
 */
public final class PackageNames {
    // validate-npm-package-name's validForOldPackages, with upper case kept for legacy packages (e.g. JSONStream).
    // Its "cannot start with . or _" is about the whole name: a scope may start with either (npm's user names may
    // start with _ or -), and a scoped name's own part with _ or - (@scope/_private is publishable today). Neither
    // can read as a dot segment: the name is requested as one segment, @scope%2fname, and stored escaped.
    private static final String SCOPE = "@[A-Za-z0-9~*._-]+/";
    private static final String SCOPED_PART = "[A-Za-z0-9~_-][A-Za-z0-9~._-]*";
    private static final String UNSCOPED = "[A-Za-z0-9~-][A-Za-z0-9~._-]*";
    private static final Pattern NAME = Pattern.compile(SCOPE + SCOPED_PART + "|" + UNSCOPED);
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
