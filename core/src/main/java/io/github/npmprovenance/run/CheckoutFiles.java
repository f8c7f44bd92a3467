package io.github.npmprovenance.run;

import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.policy.PolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files a run reads from a checkout that a pull request controls: the lockfile, the policy (the one given, or
 * the default beside the lockfile) and the project's {@code .npmrc}. A pull request can commit any of them as a
 * symbolic link to a file of the machine running the check, and a parse error quotes what it read into the log: so
 * each must really lie in the checkout, its links followed. Front ends that verify someone else's checkout (the
 * action, the Jenkins step) call this before the run; what does not exist is left to the run, which says so.
 */
public final class CheckoutFiles {
    private CheckoutFiles() {
    }

    public static void requireInside(Path checkout, Path lockfileOrDirectory, Optional<Path> policy)
            throws RunException {
        Path root = checkout.toAbsolutePath().normalize();
        List<Path> read = new ArrayList<>();
        policy.ifPresent(read::add);
        try {
            Path lockfile = LockfileReader.locate(lockfileOrDirectory).toAbsolutePath().normalize();
            read.add(lockfile);
            if (policy.isEmpty()) {
                read.add(lockfile.resolveSibling(PolicyReader.DEFAULT_FILE_NAME));
            }
            read.add(lockfile.resolveSibling(".npmrc"));
        } catch (LockfileException e) {
            // no lockfile there: the run reports it
        }
        try {
            Path realRoot = root.toRealPath();
            for (Path file : read) {
                if (Files.exists(file) && !file.toRealPath().startsWith(realRoot)) {
                    Path shown = file.toAbsolutePath().normalize();
                    throw new RunException((shown.startsWith(root) ? root.relativize(shown) : shown)
                            + " leads out of the checkout through a symbolic link", null);
                }
            }
        } catch (IOException e) {
            throw new RunException("cannot tell where the checkout's files lead: " + e.getMessage(), e);
        }
    }
}
