package io.github.npmprovenance.lockfile;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A lockfile as it was at another revision of a git checkout, for verifying only what a change brought in. */
public final class LockfileAtRevision {
    // commit ids and plain ref names; nothing that git could read as an option
    private static final Pattern REVISION = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}|[A-Za-z0-9][A-Za-z0-9._/-]{0,200}");

    private LockfileAtRevision() {
    }

    /** Empty when git cannot show the file at that revision (no such commit here, or no such file then). */
    public static Optional<Lockfile> read(Path checkout, String revision, String relativePath)
            throws IOException, LockfileException {
        if (!REVISION.matcher(revision).matches() || revision.contains("..") || relativePath.startsWith("-")) {
            return Optional.empty();
        }
        Process git = new ProcessBuilder("git", "-c", "safe.directory=*", "-C", checkout.toString(), "show",
                revision + ":" + relativePath.replace('\\', '/')).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] content = git.getInputStream().readAllBytes();
        try {
            if (!git.waitFor(30, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (git.exitValue() != 0) {
            return Optional.empty();
        }
        return Optional.of(new LockfileReader().read(relativePath, new ByteArrayInputStream(content)));
    }
}
