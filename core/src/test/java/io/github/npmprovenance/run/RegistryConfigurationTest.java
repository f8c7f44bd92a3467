package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.MarkdownReportWriter;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.LargeFile;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

/** How a run turns its options and npm configuration into registries, and what it says when it cannot. */
class RegistryConfigurationTest {
    private static final String SECRET = "ghs_SECRETvalue0123456789";

    @TempDir
    Path dir;

    private RunOptions options(Map<String, String> environment) {
        Path project = dir.resolve("project");
        new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
        return RunOptions.of(project).withEnvironment(environment::get)
                .withUserNpmrc(Optional.of(dir.resolve("no-user-npmrc")));
    }

    @Test
    void aScopeRegistryAndATokenSetInTheEnvironmentAreNpmsAboveTheNpmrc() throws Exception {
        try (FixtureRegistry main = FixtureRegistry.start(); FixtureRegistry corp = FixtureRegistry.start()) {
            Path project = dir.resolve("project");
            new TestLockfile().add("@playwright/cli", "0.1.1").add("sigstore", "1.0.0").writeTo(project);
            String corpKey = "//" + corp.url().getRawAuthority() + corp.url().getRawPath();
            // a GitHub Actions env: block can name these; npm reads npm_config_* in any case, above the files
            Map<String, String> environment = Map.of("NPM_CONFIG_REGISTRY", main.url().toString(),
                    "NPM_CONFIG_@PLAYWRIGHT:REGISTRY", corp.url().toString(),
                    "npm_config_" + corpKey + ":_authToken", "fake-env-token");
            Files.writeString(project.resolve(".npmrc"), corpKey + ":_authToken=fake-file-token\n");
            RunOptions options = RunOptions.of(project).withEnvironment(environment::get)
                    .withUserNpmrc(Optional.of(dir.resolve("no-user-npmrc"))).withNetwork(2, Verification.FAST);

            VerificationRun.execute(options);

            assertThat(corp.requests()).anySatisfy(r -> assertThat(r.path()).contains("playwright"))
                    .allSatisfy(r -> assertThat(r.authorization()).contains("Bearer fake-env-token"));
            assertThat(main.requests()).noneSatisfy(r -> assertThat(r.path()).contains("playwright"));
        }
    }

    @Test
    void theProjectNpmrcNamesTheUserFileAsItDoesForNpm() throws Exception {
        // npm loads the project's .npmrc first because its userconfig can move the user's file: the tool read
        // ~/.npmrc regardless, and verified against a registry npm was not using
        try (FixtureRegistry usual = FixtureRegistry.start(); FixtureRegistry named = FixtureRegistry.start()) {
            Path home = Files.createDirectories(dir.resolve("home"));
            Files.writeString(home.resolve(".npmrc"), "registry=" + usual.url() + "\n");
            Path project = dir.resolve("project");
            new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
            Files.writeString(project.resolve(".npmrc"), "userconfig=./other.npmrc\n");
            Files.writeString(project.resolve("other.npmrc"), "registry=" + named.url() + "\n");
            Map<String, String> environment = Map.of("HOME", home.toString());

            VerificationRun.execute(RunOptions.of(project).withEnvironment(environment::get)
                    .withNetwork(2, Verification.FAST));

            assertThat(named.requests()).anySatisfy(r -> assertThat(r.path()).contains("sigstore"));
            assertThat(usual.requests()).isEmpty();
            // the environment outranks the project's file, as in npm
            Map<String, String> configured = Map.of("HOME", home.toString(),
                    "NPM_CONFIG_USERCONFIG", home.resolve(".npmrc").toString());
            VerificationRun.execute(RunOptions.of(project).withEnvironment(configured::get)
                    .withNetwork(2, Verification.FAST));
            assertThat(usual.requests()).anySatisfy(r -> assertThat(r.path()).contains("sigstore"));
        }
    }

    @Test
    void aBadRegistryInTheProjectNpmrcIsNamedWithoutTheSecretItExpandedTo() throws Exception {
        RunOptions options = options(Map.of("SOME_SECRET", SECRET));
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "registry=${SOME_SECRET}^\n");

        assertThatThrownBy(() -> VerificationRun.execute(options))
                .isInstanceOf(RunException.class)
                .hasMessage("bad registry configuration: " + npmrc.toAbsolutePath()
                        + ":1: registry: not a valid URL (Illegal character in path)")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void anNpmrcFarLargerThanAnyConfigurationIsRefusedUnreadAndAGlobalOneIgnored() throws Exception {
        // a pull request can link .npmrc, or name a globalconfig, to any file (/proc/kcore, a log): one larger than
        // the heap was read whole and ended the run with an OutOfMemoryError and exit code 1; so did one of 16 MiB
        // whose short lines were each a setting (1.8 million of them, 2 GB of heap)
        Path huge = LargeFile.larger(dir.resolve("huge.log"), 1024L * 1024, ";");
        RunOptions options = options(Map.of()).withStorage(Optional.empty(),
                Optional.of(Path.of("../examples/demo/snapshot")), Optional.empty());
        Path npmrc = Files.createSymbolicLink(dir.resolve("project/.npmrc"), huge);

        assertThatThrownBy(() -> VerificationRun.execute(options)).isInstanceOf(RunException.class)
                .hasMessage("bad registry configuration: " + npmrc + ": larger than 1 MiB, far larger than any npm "
                        + "configuration file");

        Files.delete(npmrc);
        Files.writeString(npmrc, "globalconfig=" + huge + "\n");

        assertThat(VerificationRun.execute(options).report().packages())
                .singleElement().satisfies(p -> assertThat(p.status()).isEqualTo(Status.VERIFIED));
    }

    @Test
    void theProjectGivenAsTheCurrentDirectoryNamesItsNpmrcWithoutADotSegment() throws Exception {
        // `npm-provenance verify .` in the project: the message named /work/web/./.npmrc
        options(Map.of());
        Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "registry=notaurl\n");
        RunOptions options = RunOptions.of(dir.resolve("project").resolve(".")).withEnvironment(name -> null)
                .withUserNpmrc(Optional.of(dir.resolve("no-user-npmrc")));

        assertThatThrownBy(() -> VerificationRun.execute(options))
                .isInstanceOf(RunException.class)
                .hasMessageStartingWith("bad registry configuration: " + npmrc.toAbsolutePath() + ":1: registry:");
    }

    @Test
    void anExplicitTokenWithoutAnExplicitRegistryIsRefusedBeforeAnyRequest() throws Exception {
        try (FixtureRegistry chosenByThePullRequest = FixtureRegistry.start()) {
            RunOptions options = options(Map.of()).withRegistryToken(Optional.of(SECRET))
                    .withNetwork(2, Verification.FAST);
            Files.writeString(dir.resolve("project/.npmrc"), "registry=" + chosenByThePullRequest.url() + "\n");

            assertThatThrownBy(() -> VerificationRun.execute(options))
                    .isInstanceOf(RunException.class)
                    .hasMessageStartingWith("a registry token needs an explicit registry")
                    .hasMessageNotContaining(SECRET);
            assertThat(chosenByThePullRequest.requests()).isEmpty();
        }
    }

    @Test
    void anExplicitTokenGoesToTheExplicitRegistryWhateverNpmConfigurationSays() throws Exception {
        try (FixtureRegistry explicit = FixtureRegistry.start(); FixtureRegistry configured = FixtureRegistry.start()) {
            RunOptions options = options(Map.of("NPM_CONFIG_REGISTRY", configured.url().toString()))
                    .withRegistry(Optional.of(explicit.url().toString())).withRegistryToken(Optional.of(SECRET))
                    .withNetwork(2, Verification.FAST);
            Files.writeString(dir.resolve("project/.npmrc"), "registry=" + configured.url() + "\n");

            RunOutcome outcome = VerificationRun.execute(options);

            assertThat(outcome.report().registry()).isEqualTo(explicit.url().toString());
            assertThat(explicit.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.authorization()).contains("Bearer " + SECRET));
            assertThat(configured.requests()).isEmpty();
        }
    }

    @Test
    void aScopeTheProjectSetsSendsUnscopedPackagesToItsRegistryWithoutTheExplicitToken() throws Exception {
        // npm asks the registry of the scope npm is set to work for before the one given explicitly, so the
        // pull request's .npmrc picks where sigstore is looked up; the token given stays with its registry
        try (FixtureRegistry explicit = FixtureRegistry.start();
                FixtureRegistry chosenByThePullRequest = FixtureRegistry.start()) {
            RunOptions options = options(Map.of())
                    .withRegistry(Optional.of(explicit.url().toString())).withRegistryToken(Optional.of(SECRET))
                    .withNetwork(2, Verification.FAST);
            Files.writeString(dir.resolve("project/.npmrc"),
                    "scope=pr\n@pr:registry=" + chosenByThePullRequest.url() + "\n");

            RunOutcome outcome = VerificationRun.execute(options);

            assertThat(outcome.report().registry()).isEqualTo(chosenByThePullRequest.url().toString());
            assertThat(chosenByThePullRequest.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.authorization()).isEmpty());
        }
    }

    @Test
    void npmsRetrySettingsDecideHowLongARegistryIsWaitedFor() throws Exception {
        // npm's own schedule waits 10 s and then 60 s; the project's .npmrc shortens the waits here, as for npm
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            RunOptions options = options(Map.of()).withRegistry(Optional.of(registry.url().toString()))
                    .withNetwork(2, io.github.npmprovenance.registry.HttpOptions.defaults()
                            .withTimeout(java.time.Duration.ofMillis(1500)));
            Files.writeString(dir.resolve("project/.npmrc"), "fetch-retry-mintimeout=50\nfetch-retry-factor=2\n");
            registry.fault("sigstore", FixtureRegistry.Fault.SERVER_ERROR, 2);

            // npm's two retries ride out a registry that fails twice
            assertThat(VerificationRun.execute(options).report().packages().get(0).status())
                    .isEqualTo(Status.VERIFIED);

            Files.writeString(dir.resolve("project/.npmrc"), "fetch-retry-mintimeout=50\nfetch-retries=1\n");
            registry.fault("sigstore", FixtureRegistry.Fault.SERVER_ERROR, 2);
            assertThat(VerificationRun.execute(options).report().packages().get(0).reason())
                    .contains("HTTP 500 (server error) (after 2 attempts)");

            // retries the caller chose (the command line's --retries) are not npm's to change
            registry.fault("sigstore", FixtureRegistry.Fault.SERVER_ERROR, 2);
            assertThat(VerificationRun.execute(options.withNetwork(2, options.http().withRetries(3)))
                    .report().packages().get(0).status()).isEqualTo(Status.VERIFIED);
        }
    }

    @Test
    void aRetrySettingThatIsNoNumberIsAConfigurationErrorNamingIt() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            RunOptions options = options(Map.of("npm_config_fetch_retries", "many"))
                    .withRegistry(Optional.of(registry.url().toString()));

            assertThatThrownBy(() -> VerificationRun.execute(options)).isInstanceOf(RunException.class)
                    .hasMessage("bad registry configuration: npm_config_fetch_retries: fetch-retries is not a number");
        }
    }

    @Test
    void aTokenEndingInANewlineIsAnErrorNamingTheRegistryAndIsNeitherSentNorReported() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            RunOptions options = options(Map.of("NPM_TOKEN", SECRET + "\n")).withNetwork(2, Verification.FAST);
            Files.writeString(dir.resolve("project/.npmrc"), "registry=" + registry.url() + "\n//"
                    + registry.url().getAuthority() + "/:_authToken=${NPM_TOKEN}\n");

            RunOutcome outcome = VerificationRun.execute(options);

            assertThat(outcome.report().packages()).singleElement().satisfies(p -> {
                assertThat(p.status()).isEqualTo(Status.ERROR);
                assertThat(p.code()).isEqualTo("REGISTRY_INVALID_REQUEST");
                assertThat(p.explanation()).contains("the token configured for " + registry.url())
                        .contains("not sent");
            });
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            new JsonReportWriter().write(outcome.report(), json);
            assertThat(json.toString(StandardCharsets.UTF_8)).doesNotContain(SECRET).doesNotContain("unexpected");
            assertThat(new MarkdownReportWriter().render(outcome.report())).doesNotContain(SECRET);
            assertThat(registry.requests()).isEmpty();
        }
    }
    @ParameterizedTest(name = "password starting \"{0}\"")
    @ValueSource(strings = {"", "2024/", "?"})
    void credentialsInARegistryUrlAreRefusedWithoutBeingRepeated(String passwordStart) throws Exception {
        // a password starting with digits and a '/', or a '?', ends the authority early: the rest parsed as a URL of
        // host ci, the password in its path or query
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            RunOptions options = options(Map.of("NPM_PASSWORD", passwordStart + SECRET))
                    .withNetwork(2, Verification.FAST);
            Path npmrc = Files.writeString(dir.resolve("project/.npmrc"), "registry=http://ci:${NPM_PASSWORD}@"
                    + registry.url().getAuthority() + "/\n");

            // kept, the password would be printed wherever the registry is: report, job summary, PR comment
            assertThatThrownBy(() -> VerificationRun.execute(options))
                    .isInstanceOf(RunException.class)
                    .hasMessage("bad registry configuration: " + npmrc.toAbsolutePath() + ":1: registry: a registry "
                            + "URL must not hold credentials; configure a token with //host/path/:_authToken")
                    .hasMessageNotContaining(SECRET);
            assertThat(registry.requests()).isEmpty();
        }
    }
    @Test
    void theUserNpmrcNamedInLowerCaseIsRead() throws Exception {
        // npm reads npm_config_* case-insensitively, and scripts run by npm see npm_config_userconfig
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Path userNpmrc = Files.writeString(dir.resolve("ci.npmrc"), "registry=" + registry.url() + "\n");
            Path project = dir.resolve("project");
            new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
            RunOptions options = RunOptions.of(project)
                    .withEnvironment(Map.of("npm_config_userconfig", userNpmrc.toString())::get)
                    .withNetwork(2, Verification.FAST);

            RunOutcome outcome = VerificationRun.execute(options);

            assertThat(outcome.report().registry()).isEqualTo(registry.url().toString());
            assertThat(registry.requests()).isNotEmpty();
        }
    }

    @Test
    void theUserNpmrcIsInHomeAsTheEnvironmentHasIt() throws Exception {
        // npm's home is os.homedir(), HOME when set: in a GitHub Actions container job that is /github/home, not
        // the /root of the password database, which Java's user.home reports
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Path home = Files.createDirectories(dir.resolve("github-home"));
            Files.writeString(home.resolve(".npmrc"), "registry=" + registry.url() + "\n");
            Path project = dir.resolve("project");
            new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
            RunOptions options = RunOptions.of(project)
                    .withEnvironment(Map.of("HOME", home.toString(), "USERPROFILE", home.toString())::get)
                    .withNetwork(2, Verification.FAST);

            RunOutcome outcome = VerificationRun.execute(options);

            assertThat(outcome.report().registry()).isEqualTo(registry.url().toString());
            assertThat(registry.requests()).isNotEmpty();
        }
    }

    @Test
    void aUserNpmrcNamedFromHomeOrWithAVariableIsReadAsNpmReadsIt() throws Exception {
        // an env: block in a workflow sets NPM_CONFIG_USERCONFIG: ~/ci.npmrc with no shell to expand it; npm reads
        // a path setting with ~/ as the home directory and ${VAR} expanded
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Path home = Files.createDirectories(dir.resolve("home"));
            Files.writeString(home.resolve("ci.npmrc"), "registry=" + registry.url() + "\n");
            Path project = dir.resolve("project");
            new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
            for (Map<String, String> environment : java.util.List.of(
                    Map.of("HOME", home.toString(), "USERPROFILE", home.toString(), "NPM_CONFIG_USERCONFIG", "~/ci.npmrc"),
                    Map.of("CONFIG_DIR", home.toString(), "NPM_CONFIG_USERCONFIG", "${CONFIG_DIR}/ci.npmrc"))) {
                RunOptions options = RunOptions.of(project).withEnvironment(environment::get)
                        .withNetwork(2, Verification.FAST);

                assertThat(VerificationRun.execute(options).report().registry()).isEqualTo(registry.url().toString());
            }
        }
    }

    @Test
    void aRelativeUserNpmrcIsTakenFromWhereNpmRunsAsNpmTakesIt() throws Exception {
        // npm ci runs in the project and reads NPM_CONFIG_USERCONFIG=ci.npmrc from there; the verifier's JVM may run
        // elsewhere (a Jenkins agent's root, a command line given the project's directory), where it read another
        // file or none
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Path project = dir.resolve("project");
            new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
            Files.writeString(project.resolve("ci.npmrc"), "registry=" + registry.url() + "\n");
            Map<String, String> environment = Map.of("HOME", dir.resolve("home").toString(),
                    "NPM_CONFIG_USERCONFIG", "ci.npmrc");
            RunOptions options = RunOptions.of(project).withEnvironment(environment::get)
                    .withNetwork(2, Verification.FAST);

            assertThat(VerificationRun.execute(options).report().registry()).isEqualTo(registry.url().toString());
            assertThat(VerificationRun.userNpmrc(Optional.empty(), environment::get, project.resolve(
                    "package-lock.json"))).isEqualTo(project.resolve("ci.npmrc"));
            // a path the caller gives (--userconfig) is the caller's, relative to where it runs
            assertThat(VerificationRun.userNpmrc(Optional.of(Path.of("mine.npmrc")), environment::get, project))
                    .isEqualTo(Path.of("mine.npmrc"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"the path's part", "the whole URL"})
    void aTokenThatAVariablePutInTheRegistrysPathIsShownAsTheVariableWhereverTheRegistryIsNamed(String part)
            throws Exception {
        // Gemfury-style: the token is part of the registry's path, written in .npmrc as ${FURY_TOKEN}, or a variable
        // holds the whole URL; reports are uploaded, snapshots committed or shipped, caches restored into pull
        // requests' runs
        String secret = "s3cr3tFuryTok";
        try (FixtureRegistry registry = FixtureRegistry.start("/" + secret + "/acct/")) {
            Path project = dir.resolve("project");
            new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
            String url = "http://127.0.0.1:" + registry.url().getPort() + "/" + secret + "/acct/";
            boolean whole = part.equals("the whole URL");
            String written = whole ? "${NPM_REGISTRY}" : url.replace(secret, "${FURY_TOKEN}");
            Files.writeString(project.resolve(".npmrc"), "registry=" + written + "\n");
            Map<String, String> environment = Map.of("HOME", dir.resolve("home").toString(), "FURY_TOKEN", secret,
                    "NPM_REGISTRY", url);
            RunOptions options = RunOptions.of(project).withEnvironment(environment::get)
                    .withNetwork(2, Verification.FAST);
            Path snapshot = dir.resolve("snapshot");
            Path cache = dir.resolve("cache");

            RunOutcome recorded = VerificationRun.execute(options.withStorage(Optional.empty(), Optional.empty(),
                    Optional.of(snapshot)));
            VerificationRun.execute(options.withStorage(Optional.of(cache), Optional.empty(), Optional.empty()));
            RunOutcome offline = VerificationRun.execute(options.withStorage(Optional.empty(), Optional.of(snapshot),
                    Optional.empty()));
            registry.fault("-/npm/v1/keys", FixtureRegistry.Fault.SERVER_ERROR, 10);
            RunOutcome failing = VerificationRun.execute(options.withStorage(Optional.empty(), Optional.empty(),
                    Optional.empty()));

            // asked at its real path, and named as written
            assertThat(offline.report().packages().get(0).status()).isEqualTo(Status.VERIFIED);
            assertThat(recorded.report().registry()).isEqualTo(written);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            new JsonReportWriter().write(recorded.report(), json);
            assertThat(json.toString(StandardCharsets.UTF_8) + new MarkdownReportWriter().render(recorded.report()))
                    .doesNotContain(secret);
            assertThat(failing.report().packages().get(0).explanation()).contains("signing keys of " + written)
                    .doesNotContain(secret);
            for (Path store : List.of(snapshot, cache)) {
                try (java.util.stream.Stream<Path> files = Files.walk(store)) {
                    assertThat(files.map(f -> store.relativize(f).toString()).toList()).isNotEmpty()
                            .noneMatch(name -> name.contains(secret));
                }
            }
        }
    }

    @Test
    void aHostEndingInADotIsNamedWithoutItsTokenWhereTheDotIsRefused() throws Exception {
        // Java's TLS client refuses such a host: the message says to leave the dot out, and named the whole URL
        Path project = dir.resolve("project");
        new TestLockfile().add("sigstore", "1.0.0").writeTo(project);
        Files.writeString(project.resolve(".npmrc"), "registry=https://npm-proxy.fury.io./${FURY_TOKEN}/acct/\n");
        Map<String, String> environment = Map.of("HOME", dir.resolve("home").toString(), "FURY_TOKEN", SECRET);

        RunOutcome outcome = VerificationRun.execute(RunOptions.of(project).withEnvironment(environment::get)
                .withNetwork(2, Verification.FAST));

        assertThat(outcome.report().packages().get(0).explanation())
                .contains("name the registry without the dot (https://npm-proxy.fury.io/${FURY_TOKEN}/acct/)")
                .doesNotContain(SECRET);

        // a variable in the host: the host is not named
        Files.writeString(project.resolve(".npmrc"), "registry=https://${SUB}.npm.example.com./\n");
        RunOutcome inHost = VerificationRun.execute(RunOptions.of(project).withEnvironment(Map.of("HOME",
                dir.resolve("home").toString(), "SUB", "s3cr3tsub")::get).withNetwork(2, Verification.FAST));
        assertThat(inHost.report().packages().get(0).explanation())
                .contains("cannot connect over TLS to a host name ending in a dot, ").doesNotContain("s3cr3tsub");
    }

    @Test
    void oneRegistryWrittenTwoWaysIsOneRegistry() throws Exception {
        // the default registry from a variable holding its whole URL, a scope's written out: one registry, its keys
        // asked for once
        try (FixtureRegistry registry = FixtureRegistry.start("/acct/")) {
            Path project = dir.resolve("project");
            new TestLockfile().add("sigstore", "1.0.0").add("@playwright/cli", "0.1.1").writeTo(project);
            String url = "http://127.0.0.1:" + registry.url().getPort() + "/acct/";
            Files.writeString(project.resolve(".npmrc"), "registry=${REG}\n@playwright:registry=" + url + "\n");
            Map<String, String> environment = Map.of("HOME", dir.resolve("home").toString(), "REG", url);

            RunOutcome outcome = VerificationRun.execute(RunOptions.of(project).withEnvironment(environment::get)
                    .withNetwork(2, Verification.FAST));

            assertThat(registry.requestCount("-/npm/v1/keys")).isEqualTo(1);
            // named as the variable, which might hold a token
            assertThat(outcome.report().registry()).isEqualTo("${REG}");
        }
    }
}
