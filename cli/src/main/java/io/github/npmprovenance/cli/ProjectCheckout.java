package io.github.npmprovenance.cli;

import io.github.npmprovenance.lockfile.LockfileAtRevision;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import java.nio.file.Path;

/**
 * The checkout a lockfile belongs to: the repository whose {@code .git} is nearest above it, else the lockfile's own
 * directory. A pull request controls what lies in it, symbolic links included, so what the command writes there
 * must stay there (see {@link io.github.npmprovenance.report.ReportFile#create(Path, Path)}).
 */
final class ProjectCheckout {
    private ProjectCheckout() {
    }

    static Path of(Path lockfileOrDirectory) {
        Path directory;
        try {
            directory = LockfileReader.locate(lockfileOrDirectory).toAbsolutePath().normalize().getParent();
        } catch (LockfileException e) {
            directory = lockfileOrDirectory.toAbsolutePath().normalize();
        }
        return LockfileAtRevision.repositoryRoot(directory).orElse(directory);
    }
}
