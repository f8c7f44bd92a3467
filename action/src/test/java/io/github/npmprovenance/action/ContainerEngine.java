package io.github.npmprovenance.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The container engine the tests drive: the command in {@code $CONTAINER} ({@code docker}, or
 * {@code podman --runtime runc} as {@code ../shared/tools/container-env.sh} exports it) and the base image in
 * {@code $BASE_IMAGE} (passed to the Dockerfile's {@code BASE_IMAGE} argument; unset: the Dockerfile's default).
 */
final class ContainerEngine {
    /** What a command did: its exit code, what it printed and how long it took. */
    record Result(int exitCode, String stdout, String stderr, Duration took) {
        String describe() {
            return "exit code " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    private final List<String> command;
    private final Optional<String> baseImage;
    private final Path scratch;

    private ContainerEngine(List<String> command, Optional<String> baseImage, Path scratch) {
        this.command = command;
        this.baseImage = baseImage;
        this.scratch = scratch;
    }

    /**
     * On a developer machine with only a JDK the container tests are reported as skipped, with how to run them; where
     * {@code NPM_PROVENANCE_CONTAINER_TESTS=required} (CI: .ci/run and the GitHub workflow set it) a missing engine
     * fails the build instead, so CI never skips them.
     *
     * @param scratch a directory for the commands' output
     */
    static ContainerEngine fromEnvironment(Path scratch) {
        String container = System.getenv("CONTAINER");
        if (container == null || container.isBlank()) {
            String message = "The container tests need a container engine, and CONTAINER is not set. "
                    + "From the repository root run `source ../shared/tools/container-env.sh` (installs podman and "
                    + "a local JRE base image, exports CONTAINER and BASE_IMAGE), or export CONTAINER=docker "
                    + "BASE_IMAGE=eclipse-temurin:17-jre; .ci/run does this before the build.";
            if ("required".equals(System.getenv("NPM_PROVENANCE_CONTAINER_TESTS"))) {
                throw new IllegalStateException(message);
            }
            org.junit.jupiter.api.Assumptions.abort(message);
        }
        String base = System.getenv("BASE_IMAGE");
        return new ContainerEngine(Arrays.asList(container.trim().split("\\s+")),
                Optional.ofNullable(base).filter(b -> !b.isBlank()), scratch);
    }

    /** Builds {@code dockerfile} with {@code context} as the build context and tags it {@code tag}. */
    Result build(Path context, Path dockerfile, String tag, Duration timeout) throws IOException,
            InterruptedException {
        List<String> args = new ArrayList<>(List.of("build", "-f", dockerfile.toString(), "-t", tag));
        baseImage.ifPresent(image -> args.addAll(List.of("--build-arg", "BASE_IMAGE=" + image)));
        args.add(context.toString());
        return execute(args, Map.of(), timeout);
    }

    /**
     * Runs the engine with {@code args}; {@code environment} is added to the engine's own environment, so that
     * {@code -e NAME} passes a value without putting it on a command line (as the GitHub runner does).
     */
    Result execute(List<String> args, Map<String, String> environment, Duration timeout) throws IOException,
            InterruptedException {
        List<String> full = new ArrayList<>(command);
        full.addAll(args);
        Path stdout = Files.createTempFile(scratch, "container", ".out");
        Path stderr = Files.createTempFile(scratch, "container", ".err");
        ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(devNull()));
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", full) + " did not finish within " + timeout + "\n--- stdout ---\n"
                    + Files.readString(stdout, StandardCharsets.UTF_8) + "\n--- stderr ---\n"
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8), took);
    }

    private static java.io.File devNull() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
