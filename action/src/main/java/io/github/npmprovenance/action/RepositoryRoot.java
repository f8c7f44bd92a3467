package io.github.npmprovenance.action;

import io.github.npmprovenance.lockfile.LockfileAtRevision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
                ? root.relativize(absolute).toString().replace('\\', '/') : workspaceRelative;
    }

    /** The commit checked out at the repository's root, if it is a repository. */
    Optional<String> head() {
        if (!checkout) {
            return Optional.empty();
        }
        try {
            return Optional.of(revParse(root, "HEAD")).filter(sha -> sha.matches("[0-9a-f]{40}|[0-9a-f]{64}"));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String revParse(Path directory, String what) throws IOException {
        // the workspace belongs to the runner's user, not the container's root: git refuses it unless told
        Process git = new ProcessBuilder("git", "-c", "safe.directory=*", "-C", directory.toString(), "rev-parse",
                what).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new IOException("git rev-parse timed out");
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
