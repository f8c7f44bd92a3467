package io.github.npmprovenance.action;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.kohsuke.github.GHRepository;

/**
 * The lockfile as it was at the pull request's base commit: from the checked-out repository when the commit is
 * there (a full or deep enough clone), else through the contents API.
 */
final class BaseLockfile {
    private BaseLockfile() {
    }

    /** Empty when the base has no such lockfile (a new one: everything in it is new). */
    static Optional<Lockfile> read(Path workspace, String relativePath, String baseSha, Optional<GHRepository> api,
            StringBuilder how) throws IOException, LockfileException {
        Optional<byte[]> fromGit = gitShow(workspace, baseSha, relativePath);
        if (fromGit.isPresent()) {
            how.append("the base commit in the checked-out repository");
            return Optional.of(parse(relativePath, new ByteArrayInputStream(fromGit.get())));
        }
        if (api.isEmpty()) {
            throw new IOException("the base commit " + baseSha + " is not in the checkout and there is no token to "
                    + "read it through the API");
        }
        how.append("the contents API at the base commit");
        try (InputStream in = api.get().getFileContent(relativePath, baseSha).read()) {
            return Optional.of(parse(relativePath, in));
        } catch (org.kohsuke.github.GHFileNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Lockfile parse(String path, InputStream in) throws IOException, LockfileException {
        return new LockfileReader().read(path, in);
    }

    private static Optional<byte[]> gitShow(Path workspace, String sha, String path) {
        if (!sha.matches("[0-9a-f]{40}|[0-9a-f]{64}") || path.startsWith("-")) {
            return Optional.empty();
        }
        try {
            // the workspace belongs to another user than the container's root: tell git that is fine
            Process git = new ProcessBuilder("git", "-c", "safe.directory=*", "-C", workspace.toString(), "show",
                    sha + ":" + path).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] content = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
            return git.exitValue() == 0 ? Optional.of(content) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
