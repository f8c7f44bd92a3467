package io.github.npmprovenance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JDK of version 24 or later on this machine, the first to warn about what the jar's libraries do (native access,
 * {@code sun.misc.Unsafe}): {@code NPM_PROVENANCE_NEWER_JAVA_HOME}, else the newest under {@code /usr/lib/jvm},
 * told apart by the {@code JAVA_VERSION} of its {@code release} file.
 */
final class NewerJdk {
    static final String WHERE = "set NPM_PROVENANCE_NEWER_JAVA_HOME, or install one under /usr/lib/jvm";
    private static final int FIRST_THAT_WARNS = 24;
    private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");

    private NewerJdk() {
    }

    static Optional<Path> find() throws IOException {
        String named = System.getenv("NPM_PROVENANCE_NEWER_JAVA_HOME");
        if (named != null && !named.isEmpty()) {
            Path home = Path.of(named);
            if (major(home) < FIRST_THAT_WARNS) {
                throw new IllegalStateException("NPM_PROVENANCE_NEWER_JAVA_HOME=" + named + " is not a JDK "
                        + FIRST_THAT_WARNS + " or later");
            }
            return Optional.of(home);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> major(home) >= FIRST_THAT_WARNS)
                    .filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                    .max(Comparator.comparingInt(NewerJdk::major));
        }
    }

    private static int major(Path home) {
        try {
            Matcher version = VERSION.matcher(Files.readString(home.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
