package io.github.npmprovenance.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The real git, for tests of what reads a lockfile as it was at another revision. */
public final class Git {
    private Git() {
    }

    /** Runs {@code git -C directory args…}; @return its output; @throws IOException when git fails */
    public static String run(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (git.waitFor() != 0) {
            throw new IOException(command + " failed: " + output);
        }
        return output;
    }

    /** Makes {@code directory} a repository whose one commit holds everything in it. @return that commit */
    public static String commitAll(Path directory, String message) throws IOException, InterruptedException {
        run(directory, "init", "-q");
        run(directory, "add", ".");
        run(directory, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
        return run(directory, "rev-parse", "HEAD").strip();
    }

    /**
     * What a pull request can commit beside its lockfile: a bare repository's {@code HEAD}, {@code objects/},
     * {@code refs/} and a {@code config} giving it a work tree, spread in {@code directory}, whose replace ref answers
     * for {@code baseCommit} with a commit holding {@code lockfile} as {@code lockfileName}. Git started in
     * {@code directory} takes it for the repository.
     */
    public static void plantRepository(Path directory, String baseCommit, Path lockfile, String lockfileName)
            throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("planted-");
        Path fake = Files.createDirectories(scratch.resolve("fake"));
        Files.copy(lockfile, fake.resolve(lockfileName));
        String fakeBase = commitAll(fake, "fake base");
        Path planted = scratch.resolve("planted");
        run(scratch, "init", "-q", "--bare", planted.toString());
        run(planted, "fetch", "-q", fake.toString(), fakeBase);
        run(planted, "update-ref", "refs/replace/" + baseCommit, fakeBase);
        run(planted, "config", "core.bare", "false");
        run(planted, "config", "core.worktree", ".");
        try (var entries = Files.list(planted)) {
            for (Path entry : entries.toList()) {
                Files.move(entry, directory.resolve(entry.getFileName()));
            }
        }
        try (var leftovers = Files.walk(scratch)) {
            for (Path leftover : leftovers.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(leftover);
            }
        }
    }
}
