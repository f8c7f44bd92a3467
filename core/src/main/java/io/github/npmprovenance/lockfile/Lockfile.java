package io.github.npmprovenance.lockfile;

import java.util.List;

/**
 * A parsed lockfile.
 *
 * @param path the lockfile path as the user gave it (reports point at it)
 * @param lockfileVersion 1, 2 or 3
 * @param packages distinct locked packages, in order of first appearance
 */
public record Lockfile(String path, int lockfileVersion, List<LockedPackage> packages) {
    public Lockfile {
        packages = List.copyOf(packages);
    }
}
