package io.github.npmprovenance.lockfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A lockfile as it was at another revision of a git checkout, for verifying only what a change brought in. */
public final class LockfileAtRevision {
    // commit ids and plain ref names, either followed by git's ancestry suffixes (HEAD~1, origin/main^2, HEAD^);
    // nothing that git could read as an option, and no ':' that would end the revision within "rev:path"
    private static final Pattern REVISION = Pattern.compile(
            "(?:[0-9a-f]{40}|[0-9a-f]{64}|[A-Za-z0-9][A-Za-z0-9._/-]{0,200})(?:[~^][0-9]{0,9}){0,20}");

    /** What points git at a repository other than the one it finds from its working directory. */
    private static final List<String> REPOSITORY_VARIABLES = List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
            "GIT_COMMON_DIR", "GIT_PREFIX", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
            "GIT_NAMESPACE");

    private LockfileAtRevision() {
    }

    /**
     * The lockfile at {@code file} as it was at the revision, in the repository that holds it; empty when git cannot
     * show it (no repository, no such commit here, or no such file then).
     */
    public static Optional<Lockfile> readFile(Path file, String revision) throws IOException, LockfileException {
        Path absolute = file.toAbsolutePath().normalize();
        Optional<Path> root = repositoryRoot(absolute.getParent());
        if (root.isEmpty()) {
            return Optional.empty();
        }
        return read(root.get(), revision, gitPath(root.get(), absolute));
    }

    /**
     * {@code file} relative to {@code directory} as git and GitHub name it: its names joined by {@code /}. Only the
     * platform's separator separates: on Linux a backslash is part of a name ({@code fixtures\tampered} is one
     * directory, not {@code fixtures/tampered}, which may be another file altogether).
     */
    public static String gitPath(Path directory, Path file) {
        Path relative = directory.relativize(file);
        List<String> names = new java.util.ArrayList<>();
        relative.forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }

    /**
     * Why {@link #readFile} gave nothing for this file at this revision, for a warning: a revision this class does not
     * pass to git, no repository of the checkout's own, or git finding no such revision or file.
     */
    public static String whyNotShown(Path file, String revision) {
        if (!acceptedRevision(revision)) {
            return "not a revision this tool asks git for: a commit id, or a branch or tag name, followed by ~N or ^N "
                    + "at most";
        }
        if (repositoryRoot(file.toAbsolutePath().normalize().getParent()).isEmpty()) {
            return "no .git directory above the lockfile: the .git file of a git worktree or a submodule is not "
                    + "followed";
        }
        return "no such revision in this checkout, or no lockfile there then";
    }

    private static boolean acceptedRevision(String revision) {
        return REVISION.matcher(revision).matches() && !revision.contains("..");
    }

    /**
     * The nearest directory at or above {@code directory} that holds a {@code .git}: the checkout's root. Found on
     * the file system, not by asking git from {@code directory}: git also takes a directory holding {@code HEAD},
     * {@code objects/} and {@code refs/} for a (bare) repository, and a pull request can commit those beside its
     * lockfile, with a {@code config} giving them a work tree and a replace ref answering for the base commit with
     * any lockfile. No commit can hold a {@code .git}, and git started where one is uses it. A {@code .git} that is a
     * file is passed over: a submodule's checkout has one, and a pull request chooses the repository a submodule is
     * (its own, whose {@code origin/main} holds whatever lockfile it likes), so the checkout's own repository is the
     * one above it; a worktree's, which has one too, is then no repository, and changed mode verifies everything.
     */
    public static Optional<Path> repositoryRoot(Path directory) {
        for (Path candidate = directory.toAbsolutePath().normalize(); candidate != null;
                candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Empty when git cannot show the file at that revision (no such commit here, or no such file then), or when
     * {@code checkout} holds no {@code .git}.
     *
     * @param relativePath the lockfile's path in the repository, as git names it ({@link #gitPath})
     * @throws LockfileException also when the file is a package-lock.json that an npm-shrinkwrap.json beside it
     *     hid at the revision and the checkout no longer has that shrinkwrap ({@link #shrinkwrapBeside})
     */
    public static Optional<Lockfile> read(Path checkout, String revision, String relativePath)
            throws IOException, LockfileException {
        return read(checkout, revision, relativePath, Duration.ofSeconds(30));
    }

    /** @param timeout for git as a whole, the output included: a partial clone fetches the blob it lacks */
    static Optional<Lockfile> read(Path checkout, String revision, String relativePath, Duration timeout)
            throws IOException, LockfileException {
        if (!acceptedRevision(revision) || relativePath.startsWith("-")
                || !Files.isDirectory(checkout.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            // and only a checkout's own repository (see repositoryRoot)
            return Optional.empty();
        }
        Path output = Files.createTempFile("npm-provenance-base-", ".json");
        try {
            requireOneRef(checkout, revision, output, timeout);
            if (!show(checkout, revision, relativePath, output, timeout)) {
                return Optional.empty();
            }
            // whether the shrinkwrap is gone now or only emptied (npm passes over an empty one): a package-lock.json
            // compared at all means the head installs from it, and the locator refuses one beside a shrinkwrap npm reads
            Optional<String> hidden = shrinkwrapBeside(relativePath);
            if (hidden.isPresent()) {
                Path shrinkwrap = Files.createTempFile("npm-provenance-base-", ".json");
                try {
                    // an empty one npm passed over, as LockfileLocator does
                    if (show(checkout, revision, hidden.get(), shrinkwrap, timeout) && Files.size(shrinkwrap) > 0) {
                        throw new LockfileException(relativePath, revision + " has " + hidden.get() + " beside it, "
                                + "which npm installed from there instead, and which is gone now: what was verified "
                                + "there is not this lockfile's base");
                    }
                } finally {
                    Files.deleteIfExists(shrinkwrap);
                }
            }
            try (InputStream content = Files.newInputStream(output)) {
                return Optional.of(new LockfileReader().read(relativePath, content));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * The npm-shrinkwrap.json beside a package-lock.json, which npm (and a run given the folder) prefers: where a
     * revision had one, its package-lock.json was neither installed from nor verified, so it is no base for a change
     * that removed the shrinkwrap and left that package-lock.json to be installed from.
     *
     * @param path a path as git names it ({@link #gitPath})
     */
    public static Optional<String> shrinkwrapBeside(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        if (!name.equals(LockfileReader.FILE_NAMES.get(1))) {
            return Optional.empty();
        }
        return Optional.of(path.substring(0, slash + 1) + LockfileReader.FILE_NAMES.get(0));
    }

    /**
     * Refuses a revision whose name more than one ref answers to. git takes the first of {@code refs/<name>},
     * {@code refs/tags/<name>}, {@code refs/heads/<name>}, {@code refs/remotes/<name>} and
     * {@code refs/remotes/<name>/HEAD}, and of an abbreviated commit id a ref of that name, with no more than a
     * warning: a tag {@code origin/main}, which whoever may push a tag can push without being allowed to push to
     * main, would stand in for the branch with the pull request's own lockfile. A full commit id is always itself;
     * hex digits fewer than the repository's full id (40 in a SHA-256 repository, or in capitals, which git reads
     * alike) are an abbreviated one.
     */
    private static void requireOneRef(Path checkout, String revision, Path output, Duration timeout)
            throws IOException, LockfileException {
        String name = revision.replaceFirst("(?:[~^][0-9]{0,9})*$", "");
        boolean hex = name.matches("[0-9a-fA-F]{4,64}");
        if (hex && (name.length() == 40 || name.length() == 64) && name.length() == fullIdLength(checkout, output,
                timeout)) {
            return;
        }
        List<String> candidates = List.of("refs/" + name, "refs/tags/" + name, "refs/heads/" + name,
                "refs/remotes/" + name, "refs/remotes/" + name + "/HEAD");
        List<String> command = new java.util.ArrayList<>(List.of("for-each-ref", "--format=%(refname)"));
        command.addAll(candidates);
        if (!git(checkout, output, timeout, command.toArray(String[]::new))) {
            throw new LockfileException(name, "git cannot list the refs this revision may name");
        }
        List<String> listed = Files.readAllLines(output);
        // in git's order, not for-each-ref's
        List<String> found = candidates.stream().filter(listed::contains).toList();
        boolean abbreviatedCommit = hex;
        if (found.size() > 1 || abbreviatedCommit && !found.isEmpty()) {
            throw new LockfileException(name, "ambiguous: " + (abbreviatedCommit ? "an abbreviated commit id and "
                    : "") + String.join(", ", found) + " all answer to it, and git takes the first; give the "
                    + "full commit id or the ref's full name (refs/remotes/origin/main, say)");
        }
    }

    /** The hex digits of a full commit id in the repository: 64 in a SHA-256 one, else (older gits too) 40. */
    private static int fullIdLength(Path checkout, Path output, Duration timeout) throws IOException {
        if (git(checkout, output, timeout, "rev-parse", "--show-object-format")
                && Files.readString(output).strip().equals("sha256")) {
            return 64;
        }
        return 40;
    }

    /** @return whether git wrote the file at the revision to {@code output} */
    private static boolean show(Path checkout, String revision, String relativePath, Path output, Duration timeout)
            throws IOException {
        return git(checkout, output, timeout, "show", revision + ":" + relativePath);
    }

    /** @return whether git succeeded; its standard output is in {@code output} */
    private static boolean git(Path checkout, Path output, Duration timeout, String... arguments) throws IOException {
        List<String> line = new java.util.ArrayList<>(List.of("git", "-c", "safe.directory=*", "-C",
                checkout.toString()));
        line.addAll(List.of(arguments));
        ProcessBuilder command = new ProcessBuilder(line)
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        // a lazy fetch must fail rather than wait for someone to type a password
        command.environment().put("GIT_TERMINAL_PROMPT", "0");
        // the repository is the one holding the folder: a GIT_DIR inherited from a git hook (or rebase --exec)
        // would have git take the folder as its working tree's root, and show another lockfile as the base
        command.environment().keySet().removeAll(REPOSITORY_VARIABLES);
        Process git = command.start();
        git.getOutputStream().close();
        try {
            if (!git.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                git.descendants().forEach(ProcessHandle::destroyForcibly);
                git.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            git.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
        return git.exitValue() == 0;
    }
}
