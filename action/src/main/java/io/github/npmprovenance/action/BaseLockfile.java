package io.github.npmprovenance.action;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileAtRevision;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHRepository;

/**
 * The lockfile as it was at the pull request's base commit: from the checked-out repository when the commit is
 * there (a full or deep enough clone), else through the contents API.
 */
final class BaseLockfile {
    private BaseLockfile() {
    }

    /** Empty when the base has no such lockfile (a new one: everything in it is new). */
    static Optional<Lockfile> read(RepositoryRoot repository, String relativePath, String baseSha,
            Optional<GHRepository> api, StringBuilder how) throws IOException, LockfileException {
        // only a checkout's own repository: git started elsewhere could find one the pull request committed
        Optional<Lockfile> fromGit = repository.checkout()
                ? LockfileAtRevision.read(repository.root(), baseSha, relativePath) : Optional.empty();
        if (fromGit.isPresent()) {
            how.append("the base commit in the checked-out repository");
            return fromGit;
        }
        if (api.isEmpty()) {
            throw new IOException("the base commit " + baseSha + " is not in the checkout and there is no token to "
                    + "read it through the API");
        }
        how.append("the contents API at the base commit");
        GHContent content;
        try {
            content = api.get().getFileContent(relativePath, baseSha);
        } catch (org.kohsuke.github.GHFileNotFoundException e) {
            return Optional.empty();
        }
        // gone now or only emptied, as LockfileAtRevision reads it
        Optional<String> shrinkwrap = LockfileAtRevision.shrinkwrapBeside(relativePath);
        if (shrinkwrap.isPresent() && installedFrom(api.get(), shrinkwrap.get(), baseSha)) {
            throw new IOException("the base commit has " + shrinkwrap.get() + " beside " + relativePath
                    + ", which npm installed from there instead, and which is gone now: what was verified there is "
                    + "not this lockfile's base");
        }
        try (InputStream in = read(api.get(), content)) {
            return Optional.of(new LockfileReader().read(relativePath, in));
        }
    }

    /** Whether the base commit has that shrinkwrap, and not empty: npm passes over an empty one. */
    private static boolean installedFrom(GHRepository api, String shrinkwrap, String baseSha) throws IOException {
        try {
            return api.getFileContent(shrinkwrap, baseSha).getSize() > 0;
        } catch (org.kohsuke.github.GHFileNotFoundException e) {
            // no shrinkwrap then either: the base's package-lock.json was the lockfile
            return false;
        }
    }

    /**
     * The file's bytes. GitHub inlines a file's content (base64) only up to 1 MB; a bigger one, as lockfiles often
     * are, comes with {@code "encoding": "none"} and no content, and is read as a blob (up to 100 MB) instead.
     */
    private static InputStream read(GHRepository api, GHContent content) throws IOException {
        if (!content.isFile() || content.getSha() == null) {
            // a symbolic link out of the repository, a submodule or a directory: nothing to compare with
            throw new IOException("the base commit has a " + content.getType() + ", not a file, at "
                    + content.getPath());
        }
        if ("base64".equals(content.getEncoding())) {
            return content.read();
        }
        return api.readBlob(content.getSha());
    }
}
