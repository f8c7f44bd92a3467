package io.github.npmprovenance.action;

import io.github.npmprovenance.lockfile.LockfileAtRevision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The root of the checked-out repository the lockfile belongs to. GitHub takes annotation paths, contents-API paths
 * and {@code <commit>:<path>} names relative to a repository's root, which is the workspace only when the repository
 * was checked out there: {@code actions/checkout} with {@code path: app} puts it in {@code $GITHUB_WORKSPACE/app}.
 *
 * <p>The root is the nearest directory above the lockfile holding a {@code .git}
 * ({@link LockfileAtRevision#repositoryRoot}, which says why git is not asked).
 *
 * @param workspace the absolute, normalized workspace
 * @param root the repository's root, the workspace or a directory below it
 * @param checkout whether the root holds a {@code .git}, so git may be asked about it
 */
record RepositoryRoot(Path workspace, Path root, boolean checkout) {
    private static final String SHA = "[0-9a-f]{40}|[0-9a-f]{64}";

    /** The repository whose {@code .git} is nearest above the lockfile, within the workspace; else the workspace. */
    static RepositoryRoot of(Path workspace, Path lockfile) {
        Path absoluteWorkspace = workspace.toAbsolutePath().normalize();
        return LockfileAtRevision.repositoryRoot(lockfile.toAbsolutePath().normalize().getParent())
                .filter(root -> root.startsWith(absoluteWorkspace))
                .map(root -> new RepositoryRoot(workspace, root, true))
                .orElseGet(() -> new RepositoryRoot(workspace, workspace, false));
    }

    /** A workspace-relative path (as the report has it), relative to the repository's root instead. */
    String path(String workspaceRelative) {
        Path absolute = workspace.resolve(workspaceRelative).normalize();
        return absolute.startsWith(root) && !absolute.equals(root)
                ? LockfileAtRevision.gitPath(root, absolute) : workspaceRelative;
    }

    /**
     * A commit and its parents, as its object names them (also in a shallow clone, where git's history stops at it).
     */
    record Commit(String sha, List<String> parents) {
    }

    /** The commit checked out at the repository's root, if it is a repository. */
    Optional<Commit> head() {
        if (!checkout) {
            return Optional.empty();
        }
        try {
            String sha = git(root, "rev-parse", "HEAD");
            if (!sha.matches(SHA)) {
                return Optional.empty();
            }
            List<String> parents = new ArrayList<>();
            for (String line : git(root, "cat-file", "commit", sha).split("\n")) {
                if (line.isEmpty()) {
                    break;
                }
                if (line.startsWith("parent ") && line.substring("parent ".length()).matches(SHA)) {
                    parents.add(line.substring("parent ".length()));
                }
            }
            return Optional.of(new Commit(sha, List.copyOf(parents)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String git(Path directory, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "safe.directory=*", "-C", directory.toString()));
        command.addAll(List.of(args));
        // the workspace belongs to the runner's user, not the container's root: git refuses it unless told
        Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new IOException("git " + args[0] + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (git.exitValue() != 0 || out.isEmpty()) {
            throw new IOException("not in a git repository");
        }
        return out;
    }
}
