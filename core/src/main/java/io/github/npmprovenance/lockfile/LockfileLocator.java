package io.github.npmprovenance.lockfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which file is the lockfile, for a file or a directory given by the user: the one npm installs from. */
final class LockfileLocator {
    /** npm's own preference when both exist. */
    static final List<String> FILE_NAMES = List.of("npm-shrinkwrap.json", "package-lock.json");

    private static final String NOT_A_FILE = "not a regular file (a lockfile is read from a file, not from a "
            + "directory, device or pipe)";

    /** Lockfiles of other package managers, which pin what they install in formats of their own. */
    private static final Map<String, String> OTHER_TOOLS = Map.of("yarn.lock", "Yarn", "pnpm-lock.yaml", "pnpm",
            "bun.lock", "Bun", "bun.lockb", "Bun");

    private LockfileLocator() {
    }

    /** The lockfile itself, or the lockfile inside a directory. */
    static Path locate(Path fileOrDirectory) throws LockfileException {
        if (Files.isDirectory(fileOrDirectory)) {
            for (String name : FILE_NAMES) {
                Path candidate = fileOrDirectory.resolve(name);
                if (emptyShrinkwrap(candidate)) {
                    continue;
                }
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                if (Files.exists(candidate)) {
                    throw new LockfileException(candidate.toString(), NOT_A_FILE);
                }
            }
            throw new LockfileException(fileOrDirectory.toString(),
                    "no npm-shrinkwrap.json or package-lock.json in this directory" + whatIsThere(fileOrDirectory));
        }
        if (!Files.isRegularFile(fileOrDirectory)) {
            throw new LockfileException(fileOrDirectory.toString(),
                    Files.exists(fileOrDirectory) ? NOT_A_FILE : "no such lockfile");
        }
        Path name = fileOrDirectory.getFileName();
        if (name != null && OTHER_TOOLS.containsKey(name.toString())) {
            throw new LockfileException(fileOrDirectory.toString(), otherToolsLockfile(name.toString()));
        }
        // the file most often given by mistake: read as a lockfile, its dependencies' ranges made no sense
        if (name != null && name.toString().equals("package.json")) {
            throw new LockfileException(fileOrDirectory.toString(), "the project's manifest, not a lockfile: name "
                    + "its package-lock.json or npm-shrinkwrap.json, or the directory holding it");
        }
        // npm installs from an npm-shrinkwrap.json and ignores the package-lock.json beside it: verifying the latter
        // would pass whatever a pull request adds in a shrinkwrap (one that cannot be read fails npm, not only us)
        if (name != null && name.toString().equals(FILE_NAMES.get(1))
                && Files.exists(fileOrDirectory.resolveSibling(FILE_NAMES.get(0)))
                && !emptyShrinkwrap(fileOrDirectory.resolveSibling(FILE_NAMES.get(0)))) {
            throw new LockfileException(fileOrDirectory.toString(), "npm installs from the " + FILE_NAMES.get(0)
                    + " beside it and ignores this file; verify that one, or the folder");
        }
        return fileOrDirectory;
    }

    /**
     * An npm-shrinkwrap.json of no bytes, which npm passes over for the package-lock.json beside it (arborist's
     * Shrinkwrap.load takes the shrinkwrap's text, else the package-lock's, and an empty text is none).
     */
    private static boolean emptyShrinkwrap(Path candidate) {
        try {
            return candidate.getFileName().toString().equals(FILE_NAMES.get(0)) && Files.isRegularFile(candidate)
                    && Files.size(candidate) == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Why there is none, where the directory says: read as a plain "none", a Yarn project looked misconfigured. */
    private static String whatIsThere(Path directory) {
        for (String name : OTHER_TOOLS.keySet().stream().sorted().toList()) {
            if (Files.exists(directory.resolve(name))) {
                return "; its " + name + " is " + otherToolsLockfile(name);
            }
        }
        if (Files.exists(directory.resolve("package.json"))) {
            // npm install in a workspace writes the workspace root's lockfile, never one beside the workspace's
            Optional<Path> above = lockfileAbove(directory);
            if (above.isPresent()) {
                return "; the package.json here has no lockfile of its own: if this is a workspace, npm keeps its "
                        + "lockfile at the root of the project, and " + above.get() + " is the one to verify; else "
                        + "npm writes one here with npm install (--package-lock-only to write it without installing)";
            }
            return "; the project has a package.json but no lockfile: npm writes one with npm install "
                    + "(--package-lock-only to write it without installing), and the lockfile, committed, is what "
                    + "is verified";
        }
        return "";
    }

    /** The nearest npm lockfile in a directory above, where npm looks for the root of a workspace. */
    private static Optional<Path> lockfileAbove(Path directory) {
        for (Path parent = directory.toAbsolutePath().normalize().getParent(); parent != null;
                parent = parent.getParent()) {
            for (String name : FILE_NAMES) {
                if (Files.isRegularFile(parent.resolve(name))) {
                    return Optional.of(parent.resolve(name));
                }
            }
        }
        return Optional.empty();
    }

    private static String otherToolsLockfile(String name) {
        return OTHER_TOOLS.get(name) + "'s lockfile, not npm's: npm-provenance reads npm's lockfiles only "
                + "(package-lock.json, npm-shrinkwrap.json)";
    }
}
