package io.github.npmprovenance.run;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The user's home directory as npm (Node's {@code os.homedir()}) and the XDG base directories have it: {@code HOME}
 * ({@code USERPROFILE} on Windows) when set. Java's {@code user.home} comes from the password database instead, and
 * differs where it matters: a GitHub Actions container job has {@code HOME=/github/home} for root, whose entry says
 * {@code /root}, and a container run as a user id with no entry (Jenkins' {@code docker.inside}) gets {@code ?}.
 */
public final class UserHome {
    private UserHome() {
    }

    /**
     * Where no home is known, the directory Debian gives users without one: a relative home (the {@code ?} of a user
     * id without an entry, {@code HOME=.}) would be the directory the run started in, a checkout, whose
     * {@code ?/.npmrc} a pull request could commit to be read as the user's, and its {@code ?/.cache} as the cache.
     */
    static final Path NONE = Path.of("/nonexistent");

    public static Path of(Function<String, String> environment) {
        String home = environment.apply(isWindows() ? "USERPROFILE" : "HOME");
        Path chosen = home != null && !home.isEmpty() ? Path.of(home) : Path.of(System.getProperty("user.home", ""));
        return chosen.isAbsolute() ? chosen : NONE;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
