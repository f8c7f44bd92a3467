package io.github.npmprovenance.registry;

import static io.github.npmprovenance.testing.Verification.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingRegistrySource;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
    private final FixtureRegistry registry = FixtureRegistry.start();
    @TempDir
    Path cacheDir;

    @AfterEach
    void stop() {
        registry.close();
    }

    private List<PackageResult> verifyCached(TestLockfile lockfile) {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        RegistryCache cache = new RegistryCache(cacheDir);
        // composed as a run composes it: the keys asked once, below the cache
        List<PackageResult> results = Verification.verify(lockfile, RegistryConfig.of(fixture),
                CachingRegistrySource.caching(cache, new KeysAhead(Verification.http())));
        try {
            cache.save();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return results;
    }

    private static TestLockfile lockfile() {
        return new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
    }

    @Test
    void warmRunAsksTheRegistryOnlyForKeys() {
        verifyCached(lockfile());
        long packumentRequests = registry.requestCount("nuxt");
        int coldRequests = registry.requests().size();

        List<PackageResult> warm = verifyCached(lockfile());

        assertThat(warm).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        assertThat(registry.requestCount("nuxt")).isEqualTo(packumentRequests).isEqualTo(1);
        assertThat(registry.requestCount("-/npm/v1/keys")).isEqualTo(2);
        // the attestations responses too are served from the cache: the keys are all the warm run asks for
        assertThat(registry.requestCount("-/npm/v1/attestations/nuxt@3.13.0")).isEqualTo(1);
        assertThat(registry.requests().subList(coldRequests, registry.requests().size()))
                .extracting(FixtureRegistry.Request::path).containsExactly(registry.requests().stream()
                        .filter(r -> r.path().endsWith("-/npm/v1/keys")).findFirst().orElseThrow().path());
    }

    @Test
    void anAttestationsResponseThatHoldsNoneIsNotKeptForTheNextRun() {
        // a version whose document lists provenance, answered for a while with no attestations (a registry's
        // hiccup, a mirror still filling): kept, the version would fail on every later run though the registry mends
        ObjectNode served = registry.attestations("nuxt", "3.13.0");
        ObjectNode real = served.deepCopy();
        served.putArray("attestations");

        PackageResult during = result(verifyCached(lockfile()), "nuxt@3.13.0");
        served.setAll(real);
        PackageResult after = result(verifyCached(lockfile()), "nuxt@3.13.0");

        assertThat(during.status()).isEqualTo(Status.INVALID);
        assertThat(after.status()).isEqualTo(Status.VERIFIED);
        assertThat(registry.requestCount("-/npm/v1/attestations/nuxt@3.13.0")).isEqualTo(2);
    }

    @Test
    void anAttestationsResponseWithoutTheListedProvenanceIsNotKeptForTheNextRun() {
        // a mirror still filling may hold the publish attestation and not yet the provenance the document lists
        ObjectNode served = registry.attestations("nuxt", "3.13.0");
        ObjectNode real = served.deepCopy();
        served.withArray("attestations").removeIf(a -> a.path("predicateType").asText().contains("slsa"));
        assertThat(served.withArray("attestations")).isNotEmpty();

        PackageResult during = result(verifyCached(lockfile()), "nuxt@3.13.0");
        served.setAll(real);
        PackageResult after = result(verifyCached(lockfile()), "nuxt@3.13.0");

        assertThat(during.checks()).filteredOn(c -> c.name().equals(CheckResult.PROVENANCE))
                .extracting(CheckResult::code).containsExactly("PROVENANCE_MISSING");
        assertThat(after.status()).isEqualTo(Status.VERIFIED);
        assertThat(registry.requestCount("-/npm/v1/attestations/nuxt@3.13.0")).isEqualTo(2);
    }

    @Test
    void keysTooLargeForTheHeapCostTheirPackagesNotTheRun() {
        verifyCached(lockfile());
        // what reading a hostile keys document of a few gigabytes ends in; every caller of keys() must get an answer
        RegistrySource hugeKeys = new ForwardingRegistrySource(Verification.http(), Optional.empty()) {
            @Override
            public Optional<RegistryKeys> keys(Registry r) {
                throw new OutOfMemoryError("Java heap space");
            }
        };
        Registry fixture = new Registry(registry.url(), Optional.empty());

        List<PackageResult> warm = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Verification.verify(
                lockfile(), RegistryConfig.of(fixture), CachingRegistrySource.caching(new RegistryCache(cacheDir),
                        hugeKeys)));

        assertThat(warm).extracting(PackageResult::status).containsOnly(Status.ERROR);
    }

    private Path versionsLog() {
        return cacheDir.resolve(StoreNames.registryDirectory(new Registry(registry.url(), Optional.empty())))
                .resolve("versions.log");
    }

    /**
     * Changes what follows the digest in the log line of one key; with redigest, the digest is made to match the
     * change, as a tamperer who knows the format would.
     */
    private void rewriteRecord(String key, java.util.function.UnaryOperator<String> change, boolean redigest)
            throws Exception {
        List<String> lines = Files.readAllLines(versionsLog(), StandardCharsets.UTF_8);
        Files.write(versionsLog(), lines.stream().map(line -> {
            if (!line.contains(" " + key + " ")) {
                return line;
            }
            String rest = change.apply(line.substring(65));
            assertThat(rest).isNotEqualTo(line.substring(65));
            return (redigest ? LocalStore.sha256(rest.getBytes(StandardCharsets.UTF_8)) : line.substring(0, 64))
                    + " " + rest;
        }).toList(), StandardCharsets.UTF_8);
    }

    @Test
    void registriesWhoseReadableIdsCoincideDoNotShareEntries() throws Exception {
        java.net.URI plain = java.net.URI.create("http://registry.example/a_b/");
        RegistryCache cache = new RegistryCache(cacheDir);
        Registry first = new Registry(plain, Optional.empty());
        Registry second = new Registry(java.net.URI.create("http://registry.example/a/b/"), Optional.empty());
        Registry secure = new Registry(java.net.URI.create("https://registry.example/a_b/"), Optional.empty());
        assertThat(StoreNames.readableId(first)).isEqualTo(StoreNames.readableId(second))
                .isEqualTo(StoreNames.readableId(secure));
        cache.writeVersion(first, new VersionMetadata("left-pad", "1.3.0", Optional.of("sha512-AAAA"), List.of(),
                Optional.empty(), Optional.empty()));
        cache.save();

        RegistryCache again = new RegistryCache(cacheDir);
        assertThat(again.readVersion(first, "left-pad", "1.3.0")).isPresent();
        assertThat(again.readVersion(second, "left-pad", "1.3.0")).isEmpty();
        assertThat(again.readVersion(secure, "left-pad", "1.3.0")).isEmpty();
    }

    @Test
    void coldRunStoresOneLogLinePerVersionAndNoFilePerPackage() throws Exception {
        verifyCached(lockfile());

        assertThat(Files.readAllLines(versionsLog())).hasSize(2)
                .anySatisfy(l -> assertThat(l).matches("[0-9a-f]{64} nuxt@3\\.13\\.0 \\{.*"));
        try (var files = Files.walk(cacheDir)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("versions.log", "attestations.log");
        }
    }

    /**
     * A registry that serves no keys (most private registries) has every version fetched on every run: what the
     * cache holds of it already must not be appended again each time, growing the log (and the time every run
     * spends reading it) by the whole lockfile per run, towards the 1 GiB at which it is started afresh.
     */
    @Test
    void versionsFetchedOnEveryRunAreNotAppendedAgainEachTime() throws Exception {
        registry.removeKeys();
        TestLockfile lockfile = lockfile().add("tuf-js", "1.0.0");
        verifyCached(lockfile);
        long afterFirst = Files.size(versionsLog());
        String firstAttestations = Files.readString(versionsLog().resolveSibling("attestations.log"));

        verifyCached(lockfile);
        verifyCached(lockfile);

        assertThat(registry.requestCount("nuxt")).isEqualTo(3);
        assertThat(Files.size(versionsLog())).isEqualTo(afterFirst);
        assertThat(versionsLog().resolveSibling("attestations.log")).hasContent(firstAttestations);
    }

    /**
     * A registry that rotates its signing key, re-signs its versions with the new one and stops serving the old one:
     * a cached entry still carries the old signature, which no served key checks. Without the cache the version
     * verifies; with it, it must not come out INVALID (a tampering alarm) on every run until the cache is deleted.
     */
    @Test
    void anEntrySignedWithAKeyTheRegistryNoLongerServesIsFetchedAgain() throws Exception {
        ObjectNode dist =
                (com.fasterxml.jackson.databind.node.ObjectNode) registry.version("sigstore", "1.0.0").path("dist");
        // no provenance: what is checked is the registry signature alone
        dist.remove("attestations");
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0");
        assertThat(result(verifyCached(lockfile), "sigstore@1.0.0").status()).isEqualTo(Status.SIGNED);

        String keyId = "SHA256:rotated";
        KeyPair rotated = serveOwnKey(keyId);
        sign(dist, "sigstore@1.0.0", rotated, keyId);
        assertThat(result(Verification.verify(lockfile, registry), "sigstore@1.0.0").status())
                .isEqualTo(Status.SIGNED);

        PackageResult warm = result(verifyCached(lockfile), "sigstore@1.0.0");

        assertThat(warm.status()).as(warm.reason()).isEqualTo(Status.SIGNED);
        // and the entry fetched again replaced the stale one: the next run is served from the cache again
        long fetches = registry.requestCount("sigstore");
        assertThat(result(verifyCached(lockfile), "sigstore@1.0.0").status()).isEqualTo(Status.SIGNED);
        assertThat(registry.requestCount("sigstore")).isEqualTo(fetches);
    }

    /** A key of the test's own, which the registry then serves as its only one. */
    private KeyPair serveOwnKey(String keyId) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        ObjectNode keys = new ObjectMapper().createObjectNode();
        keys.putArray("keys").addObject().putNull("expires").put("keyid", keyId)
                .put("keytype", "ecdsa-sha2-nistp256").put("scheme", "ecdsa-sha2-nistp256")
                .put("key", Base64.getEncoder().encodeToString(key.getPublic().getEncoded()));
        registry.setKeys(keys);
        return key;
    }

    /** Signs dist's integrity for the version as the registry does, in place of its signatures. */
    private static void sign(ObjectNode dist, String nameAtVersion, KeyPair key, String keyId) throws Exception {
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key.getPrivate());
        signer.update((nameAtVersion + ":" + dist.path("integrity").asText()).getBytes(StandardCharsets.UTF_8));
        dist.putArray("signatures").addObject().put("keyid", keyId)
                .put("sig", Base64.getEncoder().encodeToString(signer.sign()));
    }

    /**
     * A private registry that lets a version be published again serves another tarball under it, signed as the first
     * was; a lockfile updated to it must not fail as tampered on every machine holding the first in its cache.
     */
    @Test
    void aVersionPublishedAgainIsFetchedAgainForALockfilePinningItsNewTarball() throws Exception {
        ObjectNode dist = (ObjectNode) registry.version("sigstore", "1.0.0").path("dist");
        dist.remove("attestations");
        KeyPair key = serveOwnKey("SHA256:private");
        sign(dist, "sigstore@1.0.0", key, "SHA256:private");
        TestLockfile first = new TestLockfile().add("sigstore", "1.0.0");
        assertThat(result(verifyCached(first), "sigstore@1.0.0").status()).isEqualTo(Status.SIGNED);

        String republished = anotherTarballsIntegrity();
        dist.put("integrity", republished);
        sign(dist, "sigstore@1.0.0", key, "SHA256:private");
        TestLockfile updated = new TestLockfile().add("sigstore", "1.0.0");
        updated.entry("sigstore").put("integrity", republished);

        PackageResult warm = result(verifyCached(updated), "sigstore@1.0.0");

        assertThat(warm.status()).as(warm.reason()).isEqualTo(Status.SIGNED);
        // what the registry serves now took the stored entry's place: the next run is served from the cache again
        long fetches = registry.requestCount("sigstore");
        assertThat(result(verifyCached(updated), "sigstore@1.0.0").status()).isEqualTo(Status.SIGNED);
        assertThat(registry.requestCount("sigstore")).isEqualTo(fetches);
        // and the lockfile still pinning the replaced tarball fails with the cache as it does without
        assertThat(result(verifyCached(first), "sigstore@1.0.0").status()).isEqualTo(Status.INVALID);
        assertThat(result(Verification.verify(first, registry), "sigstore@1.0.0").status())
                .isEqualTo(Status.INVALID);
    }

    private static String anotherTarballsIntegrity() throws Exception {
        return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512")
                .digest("another tarball".getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The attestations stored for a version are those of the document they came with: once the version is published
     * anew, they are another tarball's, whether its new document came from the registry this run or an earlier one.
     */
    @Test
    void theAttestationsStoredWithAReplacedDocumentAreNotServedForItsSuccessor() throws Exception {
        verifyCached(lockfile());
        ObjectNode dist = (ObjectNode) registry.version("nuxt", "3.13.0").path("dist");
        String republished = anotherTarballsIntegrity();
        dist.put("integrity", republished);
        KeyPair key = serveOwnKey("SHA256:private");
        sign(dist, "nuxt@3.13.0", key, "SHA256:private");
        // what the registry lists for the new tarball, told apart from the first one's (SUBJECT_DIGEST_MISMATCH)
        ObjectNode none = new ObjectMapper().createObjectNode();
        none.putArray("attestations");
        registry.setAttestations("nuxt", "3.13.0", none);
        TestLockfile updated = lockfile();
        updated.entry("nuxt").put("integrity", republished);
        String attestations = "-/npm/v1/attestations/nuxt@3.13.0";
        registry.fault(attestations, FixtureRegistry.Fault.SERVER_ERROR, 3);
        // the new document is fetched and stored; its attestations could not be
        verifyCached(updated);
        assertThat(registry.requestCount(attestations)).isEqualTo(1 + 3);

        PackageResult next = result(verifyCached(updated), "nuxt@3.13.0");

        // the new document from the cache, its attestations asked of the registry, not the first tarball's
        assertThat(registry.requestCount("nuxt")).isEqualTo(2);
        assertThat(registry.requestCount(attestations)).isEqualTo(1 + 3 + 1);
        assertThat(next.checks()).filteredOn(c -> c.name().equals(CheckResult.PROVENANCE))
                .extracting(CheckResult::code).containsExactly("PROVENANCE_MISSING");
    }

    /** A version the registry no longer lists is not found, as without a cache, rather than tampered. */
    @Test
    void aVersionAskedAgainThatTheRegistryNoLongerListsIsNotFound() throws Exception {
        verifyCached(lockfile());
        TestLockfile changed = lockfile();
        changed.entry("nuxt").put("integrity", anotherTarballsIntegrity());
        ((ObjectNode) registry.packument("nuxt").path("versions")).remove("3.13.0");

        PackageResult warm = result(verifyCached(changed), "nuxt@3.13.0");

        assertThat(warm.decisiveCheck().orElseThrow().code()).isEqualTo("VERSION_NOT_FOUND");
        assertThat(result(Verification.verify(changed, registry), "nuxt@3.13.0").decisiveCheck().orElseThrow()
                .code()).isEqualTo("VERSION_NOT_FOUND");
    }

    /** A registry that does not sign has its documents fetched on every run: their attestations are bound too. */
    @Test
    void theAttestationsOfAnUnsignedVersionPublishedAnewAreAskedAgain() throws Exception {
        registry.removeKeys();
        verifyCached(lockfile());
        String republished = anotherTarballsIntegrity();
        ((ObjectNode) registry.version("nuxt", "3.13.0").path("dist")).put("integrity", republished);
        TestLockfile updated = lockfile();
        updated.entry("nuxt").put("integrity", republished);

        verifyCached(updated);

        assertThat(registry.requestCount("-/npm/v1/attestations/nuxt@3.13.0")).isEqualTo(2);
    }

    /** Without the cache the registry's failure is the verdict: with it, the stored document alone proves nothing. */
    @Test
    void aVersionThatCannotBeAskedAgainIsAnErrorWithTheCauseNotTampered() throws Exception {
        verifyCached(lockfile());
        TestLockfile changed = lockfile();
        changed.entry("nuxt").put("integrity", anotherTarballsIntegrity());
        registry.fault("nuxt", FixtureRegistry.Fault.SERVER_ERROR, 10);

        PackageResult warm = result(verifyCached(changed), "nuxt@3.13.0");

        assertThat(warm.status()).isEqualTo(Status.ERROR);
        assertThat(warm.reason()).contains("HTTP 500");
        assertThat(result(Verification.verify(changed, registry), "nuxt@3.13.0").status()).isEqualTo(Status.ERROR);
    }

    /** What was fetched this run is what the registry serves: a tampered entry costs no second request. */
    @Test
    void aTamperedEntryIsAskedForOnceOnAColdRun() throws Exception {
        TestLockfile tampered = lockfile();
        tampered.entry("nuxt").put("integrity", anotherTarballsIntegrity());

        assertThat(result(verifyCached(tampered), "nuxt@3.13.0").status()).isEqualTo(Status.INVALID);
        assertThat(registry.requestCount("nuxt")).isEqualTo(1);
    }

    /** A registry's directory is one file name, however long the path of its URL. */
    @Test
    void aRegistryBelowAPathLongerThanAFileNameIsCachedAndRecorded(@TempDir Path snapshot) throws Exception {
        try (FixtureRegistry deep = FixtureRegistry.start("/" + "artifactory/api/npm/".repeat(15))) {
            Registry fixture = new Registry(deep.url(), Optional.empty());
            RegistryCache cache = new RegistryCache(cacheDir);
            Verification.verify(lockfile(), RegistryConfig.of(fixture),
                    CachingRegistrySource.caching(cache, Verification.http()));
            cache.save();
            int coldRequests = deep.requests().size();

            List<PackageResult> warm = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                    CachingRegistrySource.caching(new RegistryCache(cacheDir), Verification.http()));
            List<PackageResult> recorded = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                    CachingRegistrySource.recording(LocalStore.create(snapshot), Verification.http()));
            List<PackageResult> offline = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                    new OfflineRegistrySource(LocalStore.open(snapshot)));

            assertThat(warm).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
            assertThat(deep.requests().subList(coldRequests, coldRequests + 1))
                    .extracting(FixtureRegistry.Request::path).allMatch(path -> path.endsWith("/-/npm/v1/keys"));
            assertThat(recorded).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
            assertThat(offline).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        }
    }

    @Test
    void corruptEntryIsDetectedAndFetchedAgain() throws Exception {
        verifyCached(lockfile());
        rewriteRecord("nuxt@3.13.0", rest -> rest.substring(0, rest.length() - 40), false);

        List<PackageResult> warm = verifyCached(lockfile());

        assertThat(result(warm, "nuxt@3.13.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(registry.requestCount("nuxt")).isEqualTo(2);
        assertThat(registry.requestCount("sigstore")).isEqualTo(1);
    }

    @Test
    void aTamperedCacheEntryWithAValidChecksumStillFailsVerification() throws Exception {
        verifyCached(lockfile());
        rewriteRecord("sigstore@1.0.0",
                rest -> rest.replace("MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ7", "MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ8"), true);

        List<PackageResult> warm = verifyCached(lockfile());

        assertThat(registry.requestCount("sigstore")).isEqualTo(1);
        assertThat(result(warm, "sigstore@1.0.0").status()).isEqualTo(Status.INVALID);
    }

    @Test
    void provenanceAddedInTheCacheDoesNotPassWithoutTheRegistrysPublishAttestation() throws Exception {
        // dist.attestations is not covered by the registry's signature: whoever writes the cache (a CI cache a fork's
        // pull request can write) can list attestations for a version published without, and store a provenance
        // bundle that any workflow can make for the tarball's digest (the real one stands in for it here). What it
        // cannot make is the registry's publish attestation; without it, the version was VERIFIED, and passed
        // require-provenance
        ObjectNode dist = (ObjectNode) registry.version("sigstore", "1.0.0").path("dist");
        ObjectNode listed = (ObjectNode) dist.remove("attestations");
        ObjectNode provenanceOnly = registry.attestations("sigstore", "1.0.0").deepCopy();
        provenanceOnly.withArray("attestations").removeIf(a -> !a.path("predicateType").asText().contains("slsa"));
        assertThat(result(verifyCached(lockfile()), "sigstore@1.0.0").status()).isEqualTo(Status.SIGNED);

        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        rewriteRecord("sigstore@1.0.0", rest -> {
            try {
                ObjectNode record = (ObjectNode) mapper.readTree(rest.substring(rest.indexOf(' ') + 1));
                record.withObject("/dist").set("attestations", listed);
                return "sigstore@1.0.0 " + mapper.writeValueAsString(record);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, true);
        ObjectNode stored = mapper.createObjectNode().put("integrity", dist.path("integrity").asText());
        stored.set("response", provenanceOnly);
        String rest = "sigstore@1.0.0 " + mapper.writeValueAsString(stored);
        Files.writeString(versionsLog().resolveSibling("attestations.log"),
                LocalStore.sha256(rest.getBytes(StandardCharsets.UTF_8)) + " " + rest + "\n", StandardCharsets.UTF_8);

        PackageResult warm = result(verifyCached(lockfile()), "sigstore@1.0.0");

        assertThat(registry.requestCount("-/npm/v1/attestations/sigstore@1.0.0")).isZero();
        assertThat(warm.status()).isEqualTo(Status.INVALID);
        assertThat(warm.decisiveCheck().orElseThrow().code()).isEqualTo("PUBLISH_ATTESTATION_MISSING");
    }

    @Test
    void anEntryStoredUnderAnotherVersionIsNotServedForIt() throws Exception {
        verifyCached(lockfile());
        // a well-formed record whose key claims 3.13.0 but whose document is another version's is refetched
        rewriteRecord("nuxt@3.13.0", rest -> rest.replace("\"version\":\"3.13.0\"", "\"version\":\"3.13.1\""), true);

        assertThat(result(verifyCached(lockfile()), "nuxt@3.13.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(registry.requestCount("nuxt")).isEqualTo(2);
    }

    @Test
    void cachedMetadataDoesNotExcuseALockfileThatChanged() {
        verifyCached(lockfile());
        TestLockfile changed = lockfile();
        String integrity = changed.entry("nuxt").get("integrity").asText();
        changed.entry("nuxt").put("integrity", integrity.replace('N', 'M'));

        assertThat(result(verifyCached(changed), "nuxt@3.13.0").status()).isEqualTo(Status.INVALID);
    }

    @Test
    void offlineSnapshotRoundTrip(@TempDir Path snapshot) throws Exception {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        List<PackageResult> online = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                CachingRegistrySource.recording(LocalStore.create(snapshot), Verification.http()));
        registry.close();

        List<PackageResult> offline = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                new OfflineRegistrySource(LocalStore.open(snapshot)));

        assertThat(offline).extracting(PackageResult::status).containsOnly(Status.VERIFIED)
                .containsExactlyElementsOf(online.stream().map(PackageResult::status).toList());
        assertThat(Files.exists(snapshot.resolve(StoreNames.registryDirectory(fixture)).resolve("keys.json"))).isTrue();
    }

    @Test
    void offlineSnapshotMissingAPackageIsAnErrorNamingIt(@TempDir Path snapshot) throws Exception {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        Verification.verify(new TestLockfile().add("sigstore", "1.0.0"), RegistryConfig.of(fixture),
                CachingRegistrySource.recording(LocalStore.create(snapshot), Verification.http()));

        List<PackageResult> offline = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                new OfflineRegistrySource(LocalStore.open(snapshot)));

        assertThat(result(offline, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(result(offline, "nuxt@3.13.0").status()).isEqualTo(Status.ERROR);
        assertThat(result(offline, "nuxt@3.13.0").reason()).contains("nuxt@3.13.0 is not in the offline snapshot");
    }

    /**
     * A restored CI cache can hold symbolic links: a log, or a registry's directory, that links elsewhere must not
     * make the run write through it (appending to a file the build can write, such as a shell start-up file).
     */
    @Test
    void symbolicLinksInTheCacheDoNotLeadWritesElsewhere(@TempDir Path outside) throws Exception {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        Path victim = Files.writeString(outside.resolve("victim.txt"), "precious\n");
        Path registryDir = Files.createDirectories(cacheDir.resolve(StoreNames.registryDirectory(fixture)));
        Files.createSymbolicLink(registryDir.resolve("versions.log"), victim);
        Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
        Registry other = Registry.of("https://npm.corp.example/");
        Files.createSymbolicLink(cacheDir.resolve(StoreNames.registryDirectory(other)), elsewhere);

        RegistryCache cache = new RegistryCache(cacheDir);
        VersionMetadata metadata = new VersionMetadata("left-pad", "1.3.0", Optional.of("sha512-AAAA"), List.of(),
                Optional.empty(), Optional.empty());
        cache.writeVersion(fixture, metadata);
        cache.writeVersion(other, metadata);
        try {
            cache.save();
        } catch (java.io.IOException refused) {
            // refusing is what should happen; writing through the links is not
        }

        assertThat(victim).hasContent("precious");
        try (var files = Files.list(elsewhere)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    /**
     * Without registry signatures nothing binds a cached entry's integrity: a restored cache whose entry was made
     * to match a tampered lockfile (and lists no attestations) must not turn the fresh run's INVALID into a pass.
     */
    @Test
    void aCachedEntryWhoseIntegrityNoSignatureBindsIsNotTrusted() throws Exception {
        registry.removeKeys();
        // a signature no served key checks is an ERROR by itself; this is about an entry nothing signs
        ((com.fasterxml.jackson.databind.node.ObjectNode) registry.version("sigstore", "1.0.0").path("dist"))
                .remove("signatures");
        verifyCached(lockfile());
        TestLockfile tampered = lockfile();
        String integrity = tampered.entry("sigstore").get("integrity").asText();
        String forged = integrity.replace('e', 'f');
        tampered.entry("sigstore").put("integrity", forged);
        rewriteRecord("sigstore@1.0.0", rest -> rest.replace(integrity, forged)
                .replaceAll(",\"attestations\":\\{[^}]*\\{[^}]*\\}\\}", ""), true);
        assertThat(Files.readAllLines(versionsLog())).filteredOn(l -> l.contains(" sigstore@1.0.0 ")).singleElement()
                .asString().contains(forged).doesNotContain("attestations");

        assertThat(result(Verification.verify(tampered, registry), "sigstore@1.0.0").status())
                .isEqualTo(Status.INVALID);
        assertThat(result(verifyCached(tampered), "sigstore@1.0.0").status()).isEqualTo(Status.INVALID);
    }

    /** The same with keys: a cached entry that drops the signatures would make the package UNSIGNED, not INVALID. */
    @Test
    void aCachedEntryStrippedOfItsSignaturesIsNotTrusted() throws Exception {
        verifyCached(lockfile());
        TestLockfile tampered = lockfile();
        String integrity = tampered.entry("sigstore").get("integrity").asText();
        String forged = integrity.replace('e', 'f');
        tampered.entry("sigstore").put("integrity", forged);
        rewriteRecord("sigstore@1.0.0", rest -> rest.replace(integrity, forged)
                .replaceAll("\"signatures\":\\[[^\\]]*\\]", "\"signatures\":[]")
                .replaceAll(",\"attestations\":\\{[^}]*\\{[^}]*\\}\\}", ""), true);
        assertThat(Files.readString(versionsLog())).contains("\"signatures\":[]");

        assertThat(result(verifyCached(tampered), "sigstore@1.0.0").status()).isEqualTo(Status.INVALID);
    }

    /** One version missing from a snapshot is that version's error, not every version of the package's. */
    @Test
    void aVersionMissingFromTheSnapshotDoesNotFailTheOtherVersionsOfItsPackage(@TempDir Path snapshot)
            throws Exception {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        Verification.verify(lockfile(), RegistryConfig.of(fixture),
                CachingRegistrySource.recording(LocalStore.create(snapshot), Verification.http()));
        registry.close();

        List<PackageResult> offline = Verification.verify(lockfile().addAlias("nuxt-four", "nuxt", "4.1.2"),
                RegistryConfig.of(fixture), new OfflineRegistrySource(LocalStore.open(snapshot)));

        assertThat(result(offline, "nuxt@3.13.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(result(offline, "nuxt@4.1.2").status()).isEqualTo(Status.ERROR);
        assertThat(result(offline, "nuxt@4.1.2").reason()).contains("nuxt@4.1.2 is not in the offline snapshot");
    }

    private static void mkfifo(Path path) throws Exception {
        Files.deleteIfExists(path);
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
    }

    /** A cache someone else wrote may hold a named pipe where a log belongs: the run must not wait on it forever. */
    @Test
    void aNamedPipeInPlaceOfACacheLogDoesNotHangTheRun() throws Exception {
        verifyCached(lockfile());
        mkfifo(versionsLog());

        List<PackageResult> warm = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> {
                    Registry fixture = new Registry(registry.url(), Optional.empty());
                    RegistryCache cache = new RegistryCache(cacheDir);
                    List<PackageResult> results = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                            CachingRegistrySource.caching(cache, Verification.http()));
                    try {
                        cache.save();
                    } catch (java.io.IOException refused) {
                        // not writing to it is right
                    }
                    return results;
                });

        assertThat(warm).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
    }

    /** The same for an entry of an offline snapshot: that package is an error, the run goes on. */
    @Test
    void aNamedPipeInPlaceOfASnapshotEntryDoesNotHangTheRun(@TempDir Path snapshot) throws Exception {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        Verification.verify(lockfile(), RegistryConfig.of(fixture),
                CachingRegistrySource.recording(LocalStore.create(snapshot), Verification.http()));
        mkfifo(snapshot.resolve(StoreNames.registryDirectory(fixture)).resolve("packages/sigstore/1.0.0.json"));

        List<PackageResult> offline = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> Verification.verify(lockfile(), RegistryConfig.of(fixture),
                        new OfflineRegistrySource(LocalStore.open(snapshot))));

        assertThat(result(offline, "sigstore@1.0.0").status()).isEqualTo(Status.ERROR);
        assertThat(result(offline, "nuxt@3.13.0").status()).isEqualTo(Status.VERIFIED);
    }
}
