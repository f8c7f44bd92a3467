package io.github.npmprovenance.lockfile;

import java.util.Objects;

/** Where a package is pinned: the lockfile path as given and the 1-based line of the entry's key. */
public record Location(String path, int line) {
    public Location {
        Objects.requireNonNull(path, "path");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1-based: " + line);
        }
    }
}
