package io.github.npmprovenance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.policy.PolicyDecision;
import io.github.npmprovenance.policy.PolicyRule;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path DEMO = Path.of("..", "examples", "demo");
    @TempDir
    Path dir;

    /** Records a snapshot of the project, whose .npmrc names its registries; the user's .npmrc is left out. */
    private CliRun snapshot(Path project, Path to) {
        return CliRun.of("snapshot", project.toString(), "--to", to.toString(),
                "--userconfig", dir.resolve("none").toString());
    }

    private CliRun verifyOffline(Path project, Path snapshot) {
        return CliRun.of("verify", project.toString(), "--offline", snapshot.toString(),
                "--userconfig", dir.resolve("none").toString(), "--verbose");
    }

    /**
     * The report has an entry per distinct lockfile pin, the snapshot a file per version: the example pins
     * nuxt@3.13.0 twice (node_modules/nuxt, and the tampered alias with another integrity), six entries of five
     * versions.
     */
    @Test
    void theSummaryCountsPackageVersionsNotLockfileEntries() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            CliRun complete = CliRun.of("snapshot", DEMO.toString(), "--to", dir.resolve("complete").toString(),
                    "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());
            registry.fault("nuxt", FixtureRegistry.Fault.NOT_FOUND, 100);
            CliRun withoutNuxt = CliRun.of("snapshot", DEMO.toString(), "--to", dir.resolve("partial").toString(),
                    "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());

            assertThat(complete.exitCode()).as(complete.err()).isZero();
            assertThat(complete.out()).contains(": 5 package versions recorded").doesNotContain("could not");
            try (Stream<Path> files = Files.walk(dir.resolve("complete"))) {
                assertThat(files.filter(Files::isRegularFile)
                        .filter(f -> f.getParent().getParent().getFileName().toString().equals("packages")))
                        .hasSize(5);
            }
            assertThat(withoutNuxt.exitCode()).isEqualTo(3);
            assertThat(withoutNuxt.out())
                    .contains(": 2 package versions recorded, 3 could not be fetched or recorded:");
            assertThat(withoutNuxt.out().lines().filter(l -> l.startsWith("  nuxt@3.13.0: "))).hasSize(1);
        }
    }

    /**
     * A registry that serves no keys for its signed versions fails them (as npm does), but that is a verdict on what
     * it served, which was recorded: the snapshot is complete, and offline the verdict is the same.
     */
    @Test
    void aRegistryServingNoKeysIsRecordedAsSuchNotReportedAsMissing() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            registry.removeKeys();
            Path snapshot = dir.resolve("keyless");
            CliRun recorded = CliRun.of("snapshot", DEMO.toString(), "--to", snapshot.toString(),
                    "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());
            CliRun online = CliRun.of("verify", DEMO.toString(), "--json", "--registry", registry.url().toString(),
                    "--userconfig", dir.resolve("none").toString());
            CliRun offline = CliRun.of("verify", DEMO.toString(), "--json", "--offline", snapshot.toString(),
                    "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());

            assertThat(recorded.exitCode()).as(recorded.out() + recorded.err()).isZero();
            assertThat(recorded.out()).contains(": 5 package versions recorded").doesNotContain("could not");
            // told when recording, not first at the offline run
            assertThat(recorded.err()).contains("npm-provenance: warning: 4 recorded package versions will not verify "
                    + "offline either (nuxt@2.17.3, nuxt@3.13.0, sigstore@1.0.0, tuf-js@1.0.0): signed with key \"SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA\", but the "
                    + "registry publishes no signing keys to check it with", "warning: 1 recorded package version will");
            assertThat(online.out()).contains("REGISTRY_KEYS_MISSING");
            assertThat(MAPPER.readTree(offline.out()).path("packages"))
                    .isEqualTo(MAPPER.readTree(online.out()).path("packages"));
            assertThat(offline.exitCode()).isEqualTo(online.exitCode()).isEqualTo(1);
        }
    }

    /**
     * A snapshot is refreshed by recording it again into its directory. What the registry says now is what must be
     * recorded: a version it no longer lists, or a package it no longer has (unpublished, or taken down as malware),
     * is an error online, so it must not stay in the snapshot from the earlier recording and pass offline.
     */
    @Test
    void recordingAgainAsksTheRegistryAndDropsWhatItNoLongerLists() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Path project = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").add("nuxt", "3.13.0")
                    .writeTo(dir.resolve("project")).getParent();
            Files.writeString(project.resolve(".npmrc"), "registry=" + registry.url() + "\n");
            Path snapshot = dir.resolve("snapshot");
            CliRun first = snapshot(project, snapshot);
            assertThat(first.exitCode()).as(first.out() + first.err()).isZero();

            ((ObjectNode) registry.packument("tuf-js").path("versions")).remove("1.0.0");
            registry.fault("nuxt", FixtureRegistry.Fault.NOT_FOUND, 100);
            long packumentRequests = registry.requestCount("sigstore");
            CliRun again = snapshot(project, snapshot);
            CliRun online = CliRun.of("verify", project.toString(), "--json", "--no-cache",
                    "--userconfig", dir.resolve("none").toString());
            CliRun offline = CliRun.of("verify", project.toString(), "--json", "--offline", snapshot.toString(),
                    "--userconfig", dir.resolve("none").toString());

            assertThat(registry.requestCount("sigstore")).isEqualTo(packumentRequests + 2);
            assertThat(again.exitCode()).isEqualTo(3);
            assertThat(again.out()).contains("1 package version recorded, 2 could not be fetched or recorded:")
                    .contains("  tuf-js@1.0.0: the registry does not list version 1.0.0").contains("  nuxt@3.13.0: ");
            var onlinePackages = MAPPER.readTree(online.out()).path("packages");
            var offlinePackages = MAPPER.readTree(offline.out()).path("packages");
            for (int i = 0; i < 3; i++) {
                assertThat(offlinePackages.get(i).path("status").asText()).as(onlinePackages.get(i).path("name").asText())
                        .isEqualTo(onlinePackages.get(i).path("status").asText());
            }
            assertThat(onlinePackages.findValuesAsText("status")).containsExactly("VERIFIED", "ERROR", "ERROR");
            assertThat(offline.exitCode()).isEqualTo(online.exitCode()).isEqualTo(1);
        }
    }

    /** Java names only the file when a file stands where the snapshot's directory should be: say what is wrong. */
    @Test
    void aFileInPlaceOfTheSnapshotDirectoryIsSaidToBeOne() throws Exception {
        Path file = Files.writeString(dir.resolve("snapshot"), "not a directory\n");

        CliRun run = snapshot(DEMO, file);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot write the snapshot " + file + ": ")
                .contains("exists and is not a directory");
        assertThat(file).hasContent("not a directory");
    }

    /**
     * An entry that cannot be written (a full disk, someone else's directory, a link a checkout brought in) is listed
     * with what is wrong with which file, as the snapshot directory itself is, not as a Java exception's class names
     * behind "unexpected failure".
     */
    @Test
    void anEntryThatCannotBeWrittenIsListedWithWhatIsWrongWithWhichFile() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Path project = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0")
                    .writeTo(dir.resolve("project")).getParent();
            Files.writeString(project.resolve(".npmrc"), "registry=" + registry.url() + "\n");
            Path snapshot = dir.resolve("snapshot");
            Path packages = snapshot.resolve(io.github.npmprovenance.registry.StoreNames.registryDirectory(
                    new io.github.npmprovenance.registry.Registry(registry.url(), Optional.empty())))
                    .resolve("packages");
            Files.createDirectories(packages);
            Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
            Files.createSymbolicLink(packages.resolve("nuxt"), elsewhere);
            // and a file where a directory belongs, for which Java names only the path
            Path attestations = Files.createDirectories(packages.resolveSibling("attestations"));
            Files.writeString(attestations.resolve("sigstore"), "x");

            CliRun run = snapshot(project, snapshot);

            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(3);
            assertThat(run.out()).contains("0 package versions recorded, 2 could not be fetched or recorded:")
                    .contains("  nuxt@3.13.0: cannot write the snapshot: " + packages.resolve("nuxt")
                            + " is a symbolic link; not writing through it")
                    .contains("  sigstore@1.0.0: cannot write the snapshot: " + attestations.resolve("sigstore")
                            + ": exists and is not a directory")
                    .doesNotContain("unexpected failure").doesNotContain("java.").doesNotContain("Exception");
        }
    }

    @Test
    void aSnapshotIsNotWrittenThroughADirectoryTheCheckoutLinksElsewhere() throws Exception {
        // snapshot --to snapshot, where a pull request committed snapshot as a link to another directory
        Path project = new TestLockfile().add("sigstore", "1.0.0").writeTo(dir.resolve("project")).getParent();
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(project.resolve("snapshot"), elsewhere);

        CliRun run = snapshot(project, link);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("npm-provenance: cannot write the snapshot to " + link
                + ": snapshot leads out of the checkout through a symbolic link");
        try (var files = Files.list(elsewhere)) {
            assertThat(files).isEmpty();
        }
    }

    /** snapshot records from the network: --offline is verify's alone, and not offered where it is refused. */
    @Test
    void helpDoesNotOfferOffline() {
        CliRun help = CliRun.of("snapshot", "--help");
        CliRun offline = CliRun.of("snapshot", DEMO.toString(), "--to", dir.resolve("snapshot").toString(),
                "--offline", DEMO.resolve("snapshot").toString());

        assertThat(help.exitCode()).isZero();
        // nor the cache's options: snapshot records from the network, never from the cache
        assertThat(help.out()).contains("--to=DIR").contains("--registry=URL").doesNotContain("--offline=DIR")
                .doesNotContain("--cache-dir").doesNotContain("--no-cache");
        assertThat(offline.exitCode()).isEqualTo(2);
        assertThat(offline.err()).contains("--offline");
        assertThat(dir.resolve("snapshot")).doesNotExist();
    }

    /**
     * {@code /npm/a_b/} and {@code /npm/a/b/} on one host read the same as a directory name ({@code http} and
     * {@code https} would too): recorded in one place, one registry's keys were read as the other's.
     */
    @Test
    void registriesWhoseNamesReadAlikeAreRecordedApart() throws Exception {
        try (FixtureRegistry signing = FixtureRegistry.start("/npm/a_b/");
                FixtureRegistry unsigned = signing.beside("/npm/a/b/")) {
            // a registry that neither signs nor attests, as a private Verdaccio may be
            unsigned.removeKeys();
            ((com.fasterxml.jackson.databind.node.ObjectNode) unsigned.version("@playwright/cli", "0.1.1")
                    .path("dist")).remove("attestations");
            Path project = new TestLockfile().add("sigstore", "1.0.0").add("@playwright/cli", "0.1.1")
                    .writeTo(dir.resolve("project")).getParent();
            Files.writeString(project.resolve(".npmrc"), "registry=" + signing.url() + "\n"
                    + "@playwright:registry=" + unsigned.url() + "\n");

            CliRun record = snapshot(project, dir.resolve("snapshot"));
            CliRun offline = verifyOffline(project, dir.resolve("snapshot"));

            assertThat(record.exitCode()).as(record.out() + record.err()).isZero();
            assertThat(offline.exitCode()).as(offline.out() + offline.err()).isZero();
            assertThat(offline.out()).contains("VERIFIED sigstore@1.0.0")
                    .contains("SKIPPED  @playwright/cli@0.1.1");
        }
    }

    /**
     * npm's legacy names keep their upper case ({@code JSONStream} beside {@code jsonstream}), and versions may
     * differ only in case ({@code 1.0.0-RC1}, {@code 1.0.0-rc1}). On a case-insensitive file system (macOS's and
     * Windows' by default), where a snapshot is often recorded or read, each pair must still be two files.
     */
    @Test
    void namesAndVersionsThatDifferOnlyInCaseSurviveACaseInsensitiveFileSystem() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            KeyPair key = signWithOwnKey(registry);
            TestLockfile lockfile = new TestLockfile()
                    .add("JSONStream", "1.0.0", publishSigned(registry, key, "JSONStream", "1.0.0"))
                    .add("jsonstream", "1.0.0", publishSigned(registry, key, "jsonstream", "1.0.0"))
                    .add("case-lib", "1.0.0-RC1", publishSigned(registry, key, "case-lib", "1.0.0-RC1"))
                    .add("case-lib-lower", "1.0.0-rc1", publishSigned(registry, key, "case-lib", "1.0.0-rc1"));
            // an npm alias (npm:case-lib@1.0.0-rc1): one lockfile holds both versions
            lockfile.entry("case-lib-lower").put("name", "case-lib")
                    .put("resolved", "https://registry.npmjs.org/case-lib/-/case-lib-1.0.0-rc1.tgz");
            Path project = lockfile.writeTo(dir.resolve("project")).getParent();
            Files.writeString(project.resolve(".npmrc"), "registry=" + registry.url() + "\n");

            CliRun record = snapshot(project, dir.resolve("snapshot"));
            CliRun offline = verifyOffline(project,
                    caseFolded(dir.resolve("snapshot"), dir.resolve("on-a-case-insensitive-file-system")));

            assertThat(record.exitCode()).as(record.out() + record.err()).isZero();
            assertThat(offline.exitCode()).as(offline.out() + offline.err()).isZero();
            assertThat(offline.out()).contains("0 verified, 4 signed, 0 unsigned, 0 invalid, 0 error")
                    .contains("SIGNED   JSONStream@1.0.0").contains("SIGNED   jsonstream@1.0.0")
                    .contains("SIGNED   case-lib@1.0.0-RC1").contains("SIGNED   case-lib@1.0.0-rc1");
        }
    }

    /**
     * npm takes versions of up to 256 characters; as a file name with {@code .json} such a version is longer than
     * file systems allow (255 bytes). It must still be recorded, and not cost the other versions of its package.
     */
    @Test
    void versionsTooLongForAFileNameAreRecordedAndReadBack() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            KeyPair key = signWithOwnKey(registry);
            String longest = "1.0.0-" + "a".repeat(250);
            String another = "1.0.0-" + "a".repeat(249) + "b";
            String upper = "1.0.0-" + "A".repeat(120);
            TestLockfile lockfile = new TestLockfile()
                    .add("long-lib", "1.0.0", publishSigned(registry, key, "long-lib", "1.0.0"))
                    .add("long-a", longest, publishSigned(registry, key, "long-lib", longest))
                    .add("long-b", another, publishSigned(registry, key, "long-lib", another))
                    .add("long-c", upper, publishSigned(registry, key, "long-lib", upper));
            for (String[] alias : List.of(new String[] {"long-a", longest}, new String[] {"long-b", another},
                    new String[] {"long-c", upper})) {
                lockfile.entry(alias[0]).put("name", "long-lib")
                        .put("resolved", "https://registry.npmjs.org/long-lib/-/long-lib-" + alias[1] + ".tgz");
            }
            Path project = lockfile.writeTo(dir.resolve("project")).getParent();
            Files.writeString(project.resolve(".npmrc"), "registry=" + registry.url() + "\n");

            CliRun record = snapshot(project, dir.resolve("snapshot"));
            CliRun offline = verifyOffline(project, dir.resolve("snapshot"));

            assertThat(record.exitCode()).as(record.out() + record.err()).isZero();
            assertThat(record.out()).contains(": 4 package versions recorded");
            assertThat(offline.exitCode()).as(offline.out() + offline.err()).isZero();
            assertThat(offline.out()).contains("0 verified, 4 signed, 0 unsigned, 0 invalid, 0 error");
        }
    }

    /**
     * A snapshot recorded before the layout changed must be recorded again; read by the new names it would seem
     * to lack every package, and each would be reported as not recorded.
     */
    @Test
    void aSnapshotInTheOlderLayoutIsRefusedSayingHowToRecordItAgain() throws Exception {
        CliRun run = CliRun.of("verify", DEMO.toString(), "--offline", demoSnapshotInTheOlderLayout().toString(),
                "--registry", "https://registry.npmjs.org/", "--userconfig", dir.resolve("none").toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains("was written in an older layout")
                .contains("record it again with `npm-provenance snapshot`")
                .doesNotContain("not in the offline snapshot");
        assertThat(run.out()).isEmpty();
    }

    /**
     * A snapshot holds the registries it was recorded from: read with another registry configured, every package
     * is missing from it, and the reason is the configuration, not each package.
     */
    @Test
    void aSnapshotOfAnotherRegistrySaysSo() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Path project = new TestLockfile().add("sigstore", "1.0.0").writeTo(dir.resolve("project")).getParent();
            CliRun record = CliRun.of("snapshot", project.toString(), "--to", dir.resolve("snapshot").toString(),
                    "--registry", registry.url().toString(), "--userconfig", dir.resolve("none").toString());
            CliRun offline = CliRun.of("verify", project.toString(), "--offline", dir.resolve("snapshot").toString(),
                    "--registry", "https://registry.npmjs.org/", "--userconfig", dir.resolve("none").toString());

            assertThat(record.exitCode()).as(record.out() + record.err()).isZero();
            assertThat(offline.exitCode()).isEqualTo(1);
            assertThat(offline.out()).contains("sigstore@1.0.0 is not in the offline snapshot")
                    .contains("holds nothing from the registry https://registry.npmjs.org/")
                    .contains("recorded with another registry configuration").doesNotContain("corrupt");
        }
    }

    @Test
    void aDirectoryHoldingNoSnapshotIsSaidToHoldNone() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        CliRun run = CliRun.of("verify", DEMO.toString(), "--offline", empty.toString(),
                "--registry", "https://registry.npmjs.org/", "--userconfig", dir.resolve("none").toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains(empty + " holds no offline snapshot").contains("`npm-provenance snapshot`");
    }

    @Test
    void aMistypedSnapshotDirectoryIsSaidToBeMissing() {
        Path missing = dir.resolve("snapshott");

        CliRun run = CliRun.of("verify", DEMO.toString(), "--offline", missing.toString(),
                "--registry", "https://registry.npmjs.org/", "--userconfig", dir.resolve("none").toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
        assertThat(run.err()).contains(missing + " is missing: no such directory")
                .doesNotContain("holds no offline snapshot");
    }

    /**
     * The bundled example's snapshot as the older layout has it: the registry's directory named by its readable id
     * alone, no snapshot.json. Its names are all lower case, which both layouts write alike.
     */
    private Path demoSnapshotInTheOlderLayout() throws Exception {
        Path snapshot = DEMO.resolve("snapshot");
        Path old = dir.resolve("old-snapshot");
        try (Stream<Path> files = Files.walk(snapshot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = snapshot.relativize(file);
                if (relative.getNameCount() > 1) {
                    Path target = old.resolve("registry.npmjs.org")
                            .resolve(relative.subpath(1, relative.getNameCount()));
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
        }
        return old;
    }

    /**
     * The snapshot copied as a case-insensitive file system keeps it: names that differ only in case are one file
     * there, the one written last. Folding every name to lower case gives that; a name with no upper case is kept.
     */
    private static Path caseFolded(Path snapshot, Path copy) throws Exception {
        try (Stream<Path> files = Files.walk(snapshot)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(snapshot.relativize(file).toString().toLowerCase(Locale.ROOT));
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return copy;
    }

    /** Makes the registry serve a key of the test's own, so that versions made up here can be signed. */
    private static KeyPair signWithOwnKey(FixtureRegistry registry) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        ObjectNode keys = MAPPER.createObjectNode();
        keys.putArray("keys").addObject().putNull("expires").put("keyid", "SHA256:test-registry")
                .put("keytype", "ecdsa-sha2-nistp256").put("scheme", "ecdsa-sha2-nistp256")
                .put("key", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
        registry.setKeys(keys);
        return key;
    }

    /** Publishes a version with made-up contents and the registry's signature; returns its integrity. */
    private static String publishSigned(FixtureRegistry registry, KeyPair key, String name, String version)
            throws Exception {
        byte[] tarball = new byte[64];
        new SecureRandom().nextBytes(tarball);
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(tarball);
        registry.ensureVersion(name, version, integrity, MAPPER.createObjectNode());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update((name + "@" + version + ":" + integrity).getBytes(StandardCharsets.UTF_8));
        ((ObjectNode) registry.version(name, version).path("dist")).putArray("signatures").addObject()
                .put("keyid", "SHA256:test-registry").put("sig", Base64.getEncoder().encodeToString(signer.sign()));
        ((ObjectNode) registry.packument(name).path("time")).put(version, "2024-01-01T00:00:00.000Z");
        return integrity;
    }

    private static PackageReport withCheck(CheckResult check) {
        return new PackageReport("tuf-js", "1.0.0", List.of(new Location("package-lock.json", 3)), Status.ERROR, false,
                check.message(), check.code(), new PolicyDecision(false, PolicyRule.FAIL_ON, "error fails"),
                List.of(check), Optional.empty(), false, false);
    }

    @Test
    void attestationsThatDidNotFitInMemoryWereNotRecorded() {
        // the Verifier's per-version OUT_OF_MEMORY for an attestations response is a provenance check, not a
        // registry-metadata one: nothing of those attestations reached the snapshot
        PackageReport oom = withCheck(CheckResult.of(CheckResult.PROVENANCE, Outcome.ERROR, "OUT_OF_MEMORY",
                "the attestations of tuf-js@1.0.0 did not fit in memory (maximum heap 64 MB)"));

        assertThat(SnapshotCommand.notRecorded(oom)).isTrue();
    }

    @Test
    void aProvenanceThatDoesNotVerifyWasRecordedAllTheSame() {
        PackageReport invalid = withCheck(CheckResult.of(CheckResult.PROVENANCE, Outcome.ERROR, "SUBJECT_NAME_MISMATCH",
                "the attestation is about another package"));

        assertThat(SnapshotCommand.notRecorded(invalid)).isFalse();
    }
}
