package io.github.npmprovenance.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
}
