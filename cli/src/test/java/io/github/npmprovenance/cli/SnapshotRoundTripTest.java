package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snapshot} then {@code verify --offline} against the fixtures' registry: whatever the lockfile holds,
 * offline every package comes out as it does online, status, code and every check.
 */
class SnapshotRoundTripTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOKEN = "npm_r0undTr1pS3cretT0ken";

    @TempDir
    Path dir;

    /**
     * Aliases, one version pinned twice with different integrities, scoped names, git, file and link entries, a
     * scoped registry below a path that wants a token, versions with and without attestations.
     */
    private Path project(FixtureRegistry registry, FixtureRegistry scoped) throws Exception {
        TestLockfile lockfile = new TestLockfile()
                .add("sigstore", "1.0.0")
                .add("tuf-js", "1.0.0")
                .add("nuxt", "3.13.0")
                .addAlias("nuxt-tampered", "nuxt", "3.13.0")
                .addAlias("old-sigstore", "sigstore", "0.4.0")
                .add("@playwright/cli", "0.1.1")
                .addAlias("sigstore-no-provenance", "sigstore", "1.3.0")
                .add("from-git", "1.0.0", "sha512-AAAA")
                .add("from-file", "1.0.0", "sha512-AAAA")
                .addLink("linked", "packages/linked");
        // the alias pins nuxt@3.13.0 with another integrity than node_modules/nuxt
        lockfile.entry("nuxt-tampered").put("integrity", "sha512-"
                + java.util.Base64.getEncoder().encodeToString(new byte[64]));
        lockfile.entry("from-git").put("resolved", "git+ssh://git@github.com/someone/from-git.git#"
                + "0123456789abcdef0123456789abcdef01234567").remove("integrity");
        lockfile.entry("from-file").put("resolved", "file:vendor/from-file-1.0.0.tgz");
        ((ObjectNode) registry.version("sigstore", "1.3.0").path("dist")).remove("attestations");
        Path project = lockfile.writeTo(dir.resolve("project")).getParent();
        Files.writeString(project.resolve(".npmrc"), "registry=" + registry.url() + "\n"
                + "@playwright:registry=" + scoped.url() + "\n"
                + "//127.0.0.1:" + scoped.url().getPort() + scoped.url().getPath() + ":_authToken=" + TOKEN + "\n");
        return project;
    }

    private CliRun snapshot(Path project, Path to) {
        return CliRun.of("snapshot", project.toString(), "--to", to.toString(), "--timeout", "2", "--retries", "0",
                "--userconfig", dir.resolve("none").toString());
    }

    private CliRun online(Path project) {
        return CliRun.of("verify", project.toString(), "--json", "--no-cache", "--timeout", "2", "--retries", "0",
                "--userconfig", dir.resolve("none").toString());
    }

    private CliRun offline(Path project, Path snapshot) {
        return CliRun.of("verify", project.toString(), "--json", "--offline", snapshot.toString(),
                "--userconfig", dir.resolve("none").toString());
    }

    /** Per lockfile entry: status, failure code, and each check's name, outcome and code. */
    private static Map<String, String> verdicts(CliRun run) throws Exception {
        JsonNode report = MAPPER.readTree(run.out());
        Map<String, String> verdicts = new LinkedHashMap<>();
        for (JsonNode p : report.path("packages")) {
            StringBuilder checks = new StringBuilder();
            for (JsonNode check : p.path("checks")) {
                checks.append(check.path("name").asText()).append('=').append(check.path("outcome").asText())
                        .append('/').append(check.path("code").asText()).append(' ');
            }
            verdicts.put(p.path("name").asText() + "@" + p.path("version").asText() + " " + p.path("locations"),
                    p.path("status").asText() + " " + p.path("code").asText() + " [" + checks.toString().trim() + "]");
        }
        return verdicts;
    }

    private static String statusOf(Map<String, String> verdicts, String idPrefix) {
        return verdicts.entrySet().stream().filter(e -> e.getKey().startsWith(idPrefix + " ")).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no " + idPrefix + " in " + verdicts));
    }

    private static String everythingUnder(Path root) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(file).append('\n').append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @Test
    void offlineVerdictsAreTheOnlineOnesForEveryKindOfEntry() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start();
                FixtureRegistry scoped = registry.beside("/artifactory/api/npm/npm/")) {
            Path project = project(registry, scoped);
            Path snapshot = dir.resolve("snapshot");

            CliRun recorded = snapshot(project, snapshot);
            CliRun online = online(project);
            int asked = registry.requests().size() + scoped.requests().size();
            int connections = registry.connections() + scoped.connections();
            CliRun offline = offline(project, snapshot);

            assertThat(recorded.exitCode()).as(recorded.out() + recorded.err()).isZero();
            // the report's entries per pin, the snapshot's per version: nuxt@3.13.0 twice is one version
            assertThat(recorded.out()).contains(": 6 package versions recorded").doesNotContain("could not");
            Map<String, String> onlineVerdicts = verdicts(online);
            assertThat(onlineVerdicts).hasSize(10);
            assertThat(verdicts(offline)).isEqualTo(onlineVerdicts);
            // offline, neither registry was asked anything, nor connected to
            assertThat(registry.requests().size() + scoped.requests().size()).isEqualTo(asked);
            assertThat(registry.connections() + scoped.connections()).isEqualTo(connections);
            assertThat(offline.exitCode()).isEqualTo(online.exitCode()).isEqualTo(1);
            assertThat(statusOf(onlineVerdicts, "sigstore@1.0.0")).startsWith("VERIFIED");
            // the fixtures' @playwright/cli and sigstore@1.3.0 carry no registry signature
            assertThat(statusOf(onlineVerdicts, "@playwright/cli@0.1.1")).startsWith("UNSIGNED")
                    .contains("provenance=PASS");
            assertThat(statusOf(onlineVerdicts, "sigstore@1.3.0")).startsWith("UNSIGNED")
                    .contains("provenance=ABSENT");
            assertThat(onlineVerdicts.values()).filteredOn(v -> v.startsWith("INVALID")).hasSize(1);
            assertThat(onlineVerdicts.values()).filteredOn(v -> v.startsWith("SKIPPED")).hasSize(3);
            // the scoped registry got the token; the snapshot holds none of it
            assertThat(scoped.requests()).isNotEmpty().allSatisfy(r ->
                    assertThat(r.authorization()).contains("Bearer " + TOKEN));
            assertThat(everythingUnder(snapshot)).doesNotContain(TOKEN)
                    .doesNotContain(new String(java.util.Base64.getEncoder().encode(TOKEN.getBytes()),
                            StandardCharsets.US_ASCII));
        }
    }

    /**
     * A registry that fails while the snapshot is recorded: the snapshot lists what it lacks and exits 3, and
     * offline those packages are ERROR REGISTRY_OFFLINE_MISSING, never passed; the rest as online.
     */
    @Test
    void whatAFaultKeptOutOfTheSnapshotIsMissingOfflineNeverPassed() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start();
                FixtureRegistry scoped = registry.beside("/artifactory/api/npm/npm/")) {
            Path project = project(registry, scoped);
            Path snapshot = dir.resolve("snapshot");
            registry.fault("tuf-js", FixtureRegistry.Fault.SERVER_ERROR, 100);
            registry.fault("-/npm/v1/attestations/sigstore@1.0.0", FixtureRegistry.Fault.CONNECTION_DROPPED, 100);
            scoped.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.SERVER_ERROR, 100);

            CliRun recorded = snapshot(project, snapshot);
            CliRun offline = offline(project, snapshot);

            assertThat(recorded.exitCode()).as(recorded.out() + recorded.err()).isEqualTo(3);
            assertThat(recorded.out()).contains("3 package versions recorded, 3 could not be fetched or recorded:")
                    .contains("  tuf-js@1.0.0: ").contains("  sigstore@1.0.0: ").contains("  @playwright/cli@0.1.1: ");
            Map<String, String> offlineVerdicts = verdicts(offline);
            for (String missing : List.of("tuf-js@1.0.0", "sigstore@1.0.0", "@playwright/cli@0.1.1")) {
                assertThat(statusOf(offlineVerdicts, missing)).as(missing)
                        .startsWith("ERROR REGISTRY_OFFLINE_MISSING");
            }
            assertThat(offline.exitCode()).isEqualTo(1);
        }
    }

    /**
     * Recorded again into the same directory while the registry fails: what could not be fetched this time is
     * listed as lacking, and must be lacking offline too, not read from the earlier recording and passed (its keys
     * may have been rotated out, its versions unpublished since).
     */
    @Test
    void whatAFaultKeptOutOfARecordingAgainIsNotPassedFromTheEarlierOne() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start();
                FixtureRegistry scoped = registry.beside("/artifactory/api/npm/npm/")) {
            Path project = project(registry, scoped);
            Path snapshot = dir.resolve("snapshot");
            CliRun first = snapshot(project, snapshot);
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();

            registry.fault("tuf-js", FixtureRegistry.Fault.SERVER_ERROR, 100);
            registry.fault("-/npm/v1/attestations/sigstore@1.0.0", FixtureRegistry.Fault.CONNECTION_DROPPED, 100);
            scoped.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.SERVER_ERROR, 100);
            CliRun again = snapshot(project, snapshot);
            CliRun offline = offline(project, snapshot);

            assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(3);
            assertThat(again.out()).contains("3 could not be fetched or recorded:");
            Map<String, String> offlineVerdicts = verdicts(offline);
            for (String missing : List.of("tuf-js@1.0.0", "sigstore@1.0.0", "@playwright/cli@0.1.1")) {
                assertThat(statusOf(offlineVerdicts, missing)).as(missing)
                        .startsWith("ERROR REGISTRY_OFFLINE_MISSING");
            }
        }
    }

    /**
     * A registry that accepts connections and never answers, while a snapshot is recorded: after the outage give-up
     * (8 requests failing every attempt, over at least --timeout x attempts) the rest is not asked, so recording
     * ends in bounded time, with every package listed as lacking, and offline every one is missing, none passed.
     */
    @Test
    void aRegistryDownWhileRecordingEndsSoonWithEverythingListedAsMissing() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 200,
                java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TestLockfile lockfile = new TestLockfile();
            int packages = 40;
            for (int i = 0; i < packages; i++) {
                lockfile.add("down-" + i, "1.0.0", "sha512-"
                        + java.util.Base64.getEncoder().encodeToString(new byte[64]));
            }
            Path project = lockfile.writeTo(dir.resolve("project")).getParent();
            // npm's own wait before a retry, 10 s, would dwarf what is measured here
            Files.writeString(project.resolve(".npmrc"), "registry=http://127.0.0.1:" + silent.getLocalPort() + "/\n"
                    + "fetch-retry-mintimeout=100\n");
            Path snapshot = dir.resolve("snapshot");

            long started = System.nanoTime();
            CliRun recorded = CliRun.of("snapshot", project.toString(), "--to", snapshot.toString(), "--timeout", "1",
                    "--retries", "1", "--concurrency", "4", "--userconfig", dir.resolve("none").toString());
            long seconds = java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            CliRun offline = offline(project, snapshot);

            // without the give-up: 40 packages, 4 at a time, 2 attempts of 1 s each and a backoff: over 23 s
            assertThat(seconds).as(recorded.out()).isLessThan(15);
            assertThat(recorded.exitCode()).as(recorded.out() + recorded.err()).isEqualTo(3);
            assertThat(recorded.out()).contains(": 0 package versions recorded, " + packages
                    + " could not be fetched or recorded:").contains("not asked, as the last ");
            assertThat(recorded.out().lines().filter(l -> l.startsWith("  down-"))).hasSize(packages);
            assertThat(verdicts(offline).values()).hasSize(packages)
                    .allSatisfy(v -> assertThat(v).startsWith("ERROR REGISTRY_OFFLINE_MISSING"));
            held.forEach(socket -> {
                try {
                    socket.close();
                } catch (java.io.IOException e) {
                    // the test is over
                }
            });
        }
    }
}
