package io.github.npmprovenance.report;

import io.github.npmprovenance.lockfile.LockfileAtRevision;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** The paths of a report, for a front end that shows them relative to a directory (a CI workspace). */
public final class ReportPaths {
    private ReportPaths() {
    }

    /**
     * Paths below {@code directory} as git and GitHub name them relative to it ({@link LockfileAtRevision#gitPath}),
     * worked out by path names, never by text: the directory's path may recur inside a name below it
     * ({@code a/github/workspaceb}), and a backslash is part of a name on Linux ({@code fixtures\tampered} is not
     * {@code fixtures/tampered}, which may be another lockfile, one changed mode would then compare with). The
     * directory itself is {@code .}; anything else is left as it is.
     */
    public static UnaryOperator<String> relativeTo(Path directory) {
        Path base = directory.toAbsolutePath().normalize();
        return text -> {
            try {
                Path path = Path.of(text).normalize();
                if (path.isAbsolute() && path.startsWith(base)) {
                    return path.equals(base) ? "." : LockfileAtRevision.gitPath(base, path);
                }
            } catch (InvalidPathException e) {
                // no path: left as it is
            }
            return text;
        };
    }
}
