package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar, run the way the README tells users to, in a fresh JVM. */
class ExecutableJarIT {
    private static final Path JAR = Path.of("target", "npm-provenance.jar");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(new ProcessBuilder(command));
    }

    private static Run run(ProcessBuilder builder) throws IOException, InterruptedException {
        Path out = Files.createTempFile("out", ".txt");
        Path err = Files.createTempFile("err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void readmeDemoCommandVerifiesProvenanceFromTheJar() throws Exception {
        Run run = run("verify", "../examples/demo", "--offline", "../examples/demo/snapshot",
                "--registry", "https://registry.npmjs.org/", "--verbose");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("4 verified, 1 signed, 0 unsigned, 1 invalid, 0 error, 2 skipped")
                .contains("VERIFIED nuxt@4.1.2").contains("built from https://github.com/nuxt/nuxt @ ");
        // nothing but our own messages on stderr: no logging-framework or reflection warnings
        assertThat(run.err()).isEmpty();
    }

    /** The demo verified with its JSON report aimed at {@code npmrc}, in a JVM of its own with these variables. */
    private static Run reportOver(Path npmrc, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "verify", "../examples/demo", "--offline", "../examples/demo/snapshot",
                "--registry", "https://registry.npmjs.org/", "--report-json", npmrc.toString());
        builder.environment().putAll(environment);
        return run(builder);
    }

    @Test
    void aReportPathNamingTheUsersNpmrcIsRefusedAndTheFileKept(@TempDir Path home) throws Exception {
        // where the user's tokens usually are; run in a process of its own, whose HOME is a directory of the test's
        Path npmrc = Files.writeString(home.resolve(".npmrc"), "fund=false\n");

        Run run = reportOver(npmrc, Map.of("HOME", home.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--report-json names the user's npm config");
        assertThat(npmrc).hasContent("fund=false\n");
    }

    @Test
    void aReportPathNamingTheUserConfigTheEnvironmentNamesIsRefusedAndTheFileKept(@TempDir Path runner)
            throws Exception {
        // actions/setup-node writes the token to $RUNNER_TEMP/.npmrc and names it in NPM_CONFIG_USERCONFIG
        Path npmrc = Files.writeString(runner.resolve(".npmrc"), "//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}\n");

        Run run = reportOver(npmrc, Map.of("NPM_CONFIG_USERCONFIG", npmrc.toString()));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--report-json names the user's npm config");
        assertThat(npmrc).hasContent("//registry.npmjs.org/:_authToken=${NODE_AUTH_TOKEN}\n");
    }

    /**
     * On the newest JDK here (24 or later), which warns on stderr about native code loaded without permission and
     * about {@code sun.misc.Unsafe}'s memory access, with that access denied as a later JDK will deny it by default.
     */
    @Test
    void demoOnANewerJdkWarnsOfNothingAndNeedsNoUnsafeMemoryAccess() throws Exception {
        Path javaHome = newerJdk();
        Run run = run(new ProcessBuilder(javaHome.resolve("bin").resolve("java").toString(),
                "--sun-misc-unsafe-memory-access=deny", "-jar", JAR.toString(), "verify", "../examples/demo",
                "--offline", "../examples/demo/snapshot", "--registry", "https://registry.npmjs.org/", "--verbose"));

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("4 verified, 1 signed, 0 unsigned, 1 invalid, 0 error, 2 skipped")
                .contains("VERIFIED nuxt@4.1.2");
    }

    /** The newest JDK here, 24 or later; the test is skipped without one, unless CI requires it. */
    private static Path newerJdk() throws IOException {
        Optional<Path> javaHome = NewerJdk.find();
        if (javaHome.isEmpty() && "required".equals(System.getenv("NPM_PROVENANCE_NEWER_JDK_TESTS"))) {
            fail("NPM_PROVENANCE_NEWER_JDK_TESTS=required, but no JDK 24 or later found: " + NewerJdk.WHERE);
        }
        assumeTrue(javaHome.isPresent(), "no JDK 24 or later found: " + NewerJdk.WHERE);
        return javaHome.get();
    }

    @Test
    void versionAndHelp() throws Exception {
        assertThat(run("--version").out()).startsWith("npm-provenance ");
        assertThat(run("verify", "--help").out()).contains("--trusted-root").contains("--policy");
    }

    @Test
    void launcherBesideTheJarRunsItWithShortRunJvmOptions(@TempDir Path bin) throws Exception {
        Path launcher = Path.of("target", "npm-provenance").toAbsolutePath();
        assertThat(Files.isExecutable(launcher)).isTrue();
        // installed as a relative symbolic link elsewhere, it still finds the jar beside its target
        Path link = Files.createSymbolicLink(bin.resolve("npm-provenance"), bin.relativize(launcher));
        ProcessBuilder builder = new ProcessBuilder(link.toString(), "verify", "../examples/demo", "--offline",
                "../examples/demo/snapshot", "--registry", "https://registry.npmjs.org/");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-XX:+PrintFlagsFinal");

        Run run = run(builder);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).containsPattern("TieredStopAtLevel\\s+= 1\\s").containsPattern("UseSerialGC\\s+= true\\s")
                .contains("4 verified, 1 signed, 0 unsigned, 1 invalid, 0 error, 2 skipped");
    }

    @Test
    void javaOptsAreWordsNotFileNamePatterns(@TempDir Path checkout) throws Exception {
        // in CI the working directory is a checkout: a file named like an option there stood for a pattern in
        // JAVA_OPTS (-Dhttp.nonProxyHosts=*.corp.example)
        Files.createFile(checkout.resolve("-Dnpm.probe=committed"));
        ProcessBuilder builder = new ProcessBuilder(Path.of("target", "npm-provenance").toAbsolutePath().toString(),
                "--version").directory(checkout.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-XshowSettings:properties -Dnpm.probe=*");

        Run run = run(builder);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("npm.probe = *").doesNotContain("committed");
    }

    @Test
    void aLockfileBelowADirectoryNamedInAnotherScriptIsFoundInTheCLocale(@TempDir Path temp) throws Exception {
        // many CI containers set no LANG, or one the system lacks, which the C library takes for C: Java's file
        // names were then ASCII
        Path project = Files.createDirectories(temp.resolve("проект"));
        for (String file : List.of("package-lock.json", "snapshot")) {
            copyTree(Path.of("..", "examples", "demo", file), project.resolve(file));
        }
        for (String lang : List.of("", "xx_XX.UTF-8")) {
            // the lockfile named, and found from inside its directory
            for (List<String> lockfile : List.of(List.of(project.toString()), List.<String>of())) {
                Run run = run(inCLocale(lang, project, lockfile));

                // before: exit 2, "cannot convert '������������' to Path", or ".: no such lockfile" from inside it
                assertThat(run.exitCode()).as(lang + ": " + run.err()).isEqualTo(1);
                assertThat(run.out()).contains("4 verified, 1 signed, 0 unsigned, 1 invalid, 0 error, 2 skipped");
            }
        }
    }

    private static ProcessBuilder inCLocale(String lang, Path project, List<String> lockfile) {
        List<String> command = new ArrayList<>(List.of(Path.of("target", "npm-provenance").toAbsolutePath()
                .toString(), "verify"));
        command.addAll(lockfile);
        command.addAll(List.of("--offline", project.resolve("snapshot").toString(), "--registry",
                "https://registry.npmjs.org/"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment().keySet().removeIf(name -> name.equals("LANG") || name.startsWith("LC_"));
        if (!lang.isEmpty()) {
            builder.environment().put("LANG", lang);
        }
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    @Test
    void aWorkingDirectoryDeletedBeforeTheRunIsExit2NotAFailedPackage(@TempDir Path temp) throws Exception {
        Path gone = Files.createDirectories(temp.resolve("gone"));
        Path launcher = Path.of("target", "npm-provenance").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "cd \"$1\" && rmdir \"$1\" && exec \"$2\" --version",
                "sh", gone.toString(), launcher.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));

        Run run = run(builder);

        // before: exit 1, "Error occurred during initialization of VM"
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("npm-provenance: the working directory no longer exists");
    }

    private static final String DEMO_SUMMARY = "FAILED: 8 packages in ../examples/demo/package-lock.json: ";

    /** The demo through a launcher, with its class loading logged to {@code classLog}, on the given JVM. */
    private static Run demoThrough(Path launcher, Path javaHome, Path classLog) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "verify", "../examples/demo", "--offline",
                "../examples/demo/snapshot", "--registry", "https://registry.npmjs.org/");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        return run(builder);
    }

    /** Where the JVM took the launcher's main class from, as its class-loading log says. */
    private static String mainClassSource(Path classLog) throws IOException {
        return Files.readAllLines(classLog).stream().filter(line -> line.contains(" " + Main.class.getName() + " "))
                .findFirst().orElseThrow(() -> new AssertionError("main class not in " + classLog));
    }

    @Test
    void launcherMapsTheClassArchiveTheBuildMadeForItsJvm(@TempDir Path logs) throws Exception {
        Path launcher = Path.of("target", "npm-provenance").toAbsolutePath();
        assertThat(Path.of("target", "npm-provenance.jsa")).isNotEmptyFile();
        Path classLog = logs.resolve("classes.log");

        Run run = demoThrough(launcher, Path.of(System.getProperty("java.home")), classLog);

        assertThat(mainClassSource(classLog)).contains("source: shared objects file");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith(DEMO_SUMMARY).contains("4 verified, 1 signed, 0 unsigned, 1 invalid");
        assertThat(run.err()).isEmpty();
    }

    /**
     * An archive is handed to the JVM only when whole, for the jar at this path and for this JVM: a JVM handed one it
     * cannot use runs without any, even the JDK's own, and one cut short stops it with a fatal error. Nor does the
     * JVM print anything about archives, as its messages go to standard output, where reports go.
     */
    @Test
    void launcherHandsOverAnArchiveOnlyWhenWholeAndForThisJarAndJvm(@TempDir Path temp) throws Exception {
        Path installed = Files.createDirectory(temp.resolve("installed"));
        for (String file : List.of("npm-provenance", "npm-provenance.jar")) {
            Files.copy(Path.of("target", file), installed.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path javaHome = Path.of(System.getProperty("java.home"));
        ProcessBuilder make = new ProcessBuilder("sh", "src/build/jvm-archive.sh", installed.toString(),
                "../examples/demo");
        make.environment().put("JAVA_HOME", javaHome.toString());
        assertThat(run(make).exitCode()).isZero();
        Path launcher = installed.resolve("npm-provenance");
        Path jar = installed.resolve("npm-provenance.jar");
        Path archive = installed.resolve("npm-provenance.jsa");
        Path stamp = installed.resolve("npm-provenance.jsa.stamp");
        assertThat(archiveOffered(launcher, javaHome)).isTrue();

        // another JVM than the one that made it, told by its release file
        String stamped = Files.readString(stamp);
        Files.writeString(stamp, stamped.replaceFirst("JAVA_RUNTIME_VERSION=\"", "JAVA_RUNTIME_VERSION=\"1"));
        assertThat(archiveOffered(launcher, javaHome)).isFalse();
        Files.writeString(stamp, stamped);

        // the jar rebuilt since
        java.nio.file.attribute.FileTime built = Files.getLastModifiedTime(jar);
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(archive).toMillis() + 2_000));
        assertThat(archiveOffered(launcher, javaHome)).isFalse();
        Files.setLastModifiedTime(jar, built);
        assertThat(archiveOffered(launcher, javaHome)).isTrue();

        // moved: the JVM keeps the JDK's own archive, and takes the jar's classes from the jar
        Path moved = Files.move(installed, temp.resolve("moved"));
        Path log = temp.resolve("moved.log");
        Run run = demoThrough(moved.resolve("npm-provenance"), javaHome, log);
        assertThat(archiveOffered(moved.resolve("npm-provenance"), javaHome)).isFalse();
        assertThat(mainClassSource(log)).contains("source: file:");
        assertThat(Files.readAllLines(log)).anyMatch(line -> line.contains(" java.lang.Object source: shared objects file"));
        assertThat(run.out()).startsWith(DEMO_SUMMARY);
        assertThat(run.err()).isEmpty();

        // cut short, as an interrupted copy leaves it
        Files.move(moved, installed);
        archive.toFile().setWritable(true);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(archive,
                java.nio.file.StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
        assertThat(archiveOffered(launcher, javaHome)).isFalse();
        Run truncated = demoThrough(launcher, javaHome, temp.resolve("truncated.log"));
        assertThat(truncated.exitCode()).isEqualTo(1);
        assertThat(truncated.out()).startsWith(DEMO_SUMMARY);
        assertThat(truncated.err()).isEmpty();
    }

    /** Whether the launcher hands its JVM a class-data archive. */
    private static boolean archiveOffered(Path launcher, Path javaHome) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--version");
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("JAVA_OPTS", "-XX:+PrintFlagsFinal");
        Run run = run(builder);
        assertThat(run.out()).contains("npm-provenance ");
        return !java.util.regex.Pattern.compile("SharedArchiveFile\\s+= \\s").matcher(run.out()).find();
    }

    @Test
    void launcherOnANewerJdkThanTheArchivesRunsWithoutItAndPrintsNothingOfIt(@TempDir Path logs) throws Exception {
        Path javaHome = newerJdk();
        Path classLog = logs.resolve("classes.log");

        Run run = demoThrough(Path.of("target", "npm-provenance").toAbsolutePath(), javaHome, classLog);

        assertThat(mainClassSource(classLog)).doesNotContain("shared objects file");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith(DEMO_SUMMARY);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anArchiveMadeWithANewerJdkIsUsedByIt(@TempDir Path installed) throws Exception {
        // from some JDK after 17 the class lists give every class an id, different in each training run's list
        Path javaHome = newerJdk();
        for (String file : List.of("npm-provenance", "npm-provenance.jar")) {
            Files.copy(Path.of("target", file), installed.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        ProcessBuilder make = new ProcessBuilder("sh", "src/build/jvm-archive.sh", installed.toString(),
                "../examples/demo");
        make.environment().put("JAVA_HOME", javaHome.toString());
        assertThat(run(make).err()).isEmpty();
        Path classLog = installed.resolve("classes.log");

        Run run = demoThrough(installed.resolve("npm-provenance"), javaHome, classLog);

        assertThat(mainClassSource(classLog)).contains("source: shared objects file");
        assertThat(run.out()).startsWith(DEMO_SUMMARY);
        assertThat(run.err()).isEmpty();
    }

    /** How a shell may start the launcher: none of it may make it run another jar, or none. */
    @Test
    void launcherFindsItsJarHoweverItIsStarted(@TempDir Path temp) throws Exception {
        // cd searches CDPATH for a relative directory, and prints the one it finds: "target" here is another
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere").resolve("target"));
        ProcessBuilder relative = new ProcessBuilder(Path.of("target", "npm-provenance").toString(), "--version");
        relative.environment().put("CDPATH", elsewhere.getParent().toString());
        Run viaCdpath = run(relative);
        assertThat(viaCdpath.exitCode()).isZero();
        assertThat(viaCdpath.out()).startsWith("npm-provenance ");

        // "bash npm-provenance" finds the script on the PATH and names it without a directory
        Path bin = Files.createDirectory(temp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("npm-provenance"), Path.of("target", "npm-provenance").toAbsolutePath());
        ProcessBuilder byName = new ProcessBuilder("bash", "npm-provenance", "--version").directory(temp.toFile());
        byName.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        Run viaPath = run(byName);
        assertThat(viaPath.exitCode()).isZero();
        assertThat(viaPath.out()).startsWith("npm-provenance ");

        // a JAVA_HOME whose java is a loop of links fails at once, as the shell reports it, rather than hang
        Path loop = Files.createDirectories(temp.resolve("loop").resolve("bin"));
        Files.createSymbolicLink(loop.resolve("java"), Path.of("java2"));
        Files.createSymbolicLink(loop.resolve("java2"), Path.of("java"));
        ProcessBuilder looping = new ProcessBuilder(Path.of("target", "npm-provenance").toString(), "--version");
        looping.environment().put("JAVA_HOME", loop.getParent().toString());
        Run viaLoop = run(looping);
        assertThat(viaLoop.exitCode()).isNotZero();
        assertThat(viaLoop.err()).contains("java");
    }
}
