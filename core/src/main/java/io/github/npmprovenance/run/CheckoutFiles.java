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
 * The files a run reads from a checkout that a pull request controls: the lockfile and the policy (the one given, or
 * the default beside the lockfile). A pull request can commit either as a symbolic link (or put it below a linked
 * folder) leading to a file of the machine running the check, and a parse error quotes what it read into the log:
 * so what lies in the checkout must really lie in it, its links followed. A path outside the checkout is not the
 * pull request's to choose but the workflow's (a policy kept out of the pull request's reach), and is read as
 * given. Front ends that verify someone else's checkout (the action, the Jenkins step) call this before the run;
 * what does not exist is left to the run, which says so. The project's {@code .npmrc} is not held to it: no
 * message quotes its content, and a job may link it to the machine's own.
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
        } catch (LockfileException e) {
            // no lockfile there: the run reports it
        }
        try {
            Path realRoot = root.toRealPath();
            for (Path file : read) {
                Path named = file.toAbsolutePath().normalize();
                if (named.startsWith(root) && Files.exists(file) && !file.toRealPath().startsWith(realRoot)) {
                    throw new RunException(root.relativize(named) + " leads out of the checkout through a symbolic link",
                            null);
                }
            }
        } catch (IOException e) {
            throw new RunException("cannot tell where the checkout's files lead: " + e.getMessage(), e);
        }
    }
}
