package io.github.npmprovenance.registry;

import static io.github.npmprovenance.testing.Verification.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        RegistrySource source = new CachingRegistrySource(new LocalStore(cacheDir), Verification.http(), false);
        return Verification.verify(lockfile, RegistryConfig.of(fixture), source);
    }

    private static TestLockfile lockfile() {
        return new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
    }

    @Test
    void warmRunAsksTheRegistryOnlyForKeys() {
        verifyCached(lockfile());
        long packumentRequests = registry.requestCount("nuxt");

        List<PackageResult> warm = verifyCached(lockfile());

        assertThat(warm).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
        assertThat(registry.requestCount("nuxt")).isEqualTo(packumentRequests).isEqualTo(1);
        assertThat(registry.requestCount("-/npm/v1/keys")).isEqualTo(2);
    }

    @Test
    void corruptEntryIsDetectedAndFetchedAgain() throws Exception {
        verifyCached(lockfile());
        Path entry = cacheDir.resolve(LocalStore.registryId(new Registry(registry.url(), Optional.empty())))
                .resolve("packages/nuxt/3.13.0.json");
        byte[] bytes = Files.readAllBytes(entry);
        Files.write(entry, java.util.Arrays.copyOf(bytes, bytes.length - 40));

        List<PackageResult> warm = verifyCached(lockfile());

        assertThat(result(warm, "nuxt@3.13.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(registry.requestCount("nuxt")).isEqualTo(2);
    }

    @Test
    void aTamperedCacheEntryWithAValidChecksumStillFailsVerification() throws Exception {
        verifyCached(lockfile());
        Path entry = cacheDir.resolve(LocalStore.registryId(new Registry(registry.url(), Optional.empty())))
                .resolve("packages/sigstore/1.0.0.json");
        String body = Files.readString(entry).split("\n", 2)[1];
        String tampered = body.replace("MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ7", "MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ8");
        assertThat(tampered).isNotEqualTo(body);
        Files.writeString(entry, "sha256:" + LocalStore.sha256(tampered.getBytes(StandardCharsets.UTF_8)) + "\n"
                + tampered);

        List<PackageResult> warm = verifyCached(lockfile());

        assertThat(result(warm, "sigstore@1.0.0").status()).isEqualTo(Status.INVALID);
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
    void offlineSnapshotRoundTrip(@TempDir Path snapshot) {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        List<PackageResult> online = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                new CachingRegistrySource(new LocalStore(snapshot), Verification.http(), true));
        registry.close();

        List<PackageResult> offline = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                new OfflineRegistrySource(new LocalStore(snapshot)));

        assertThat(offline).extracting(PackageResult::status).containsOnly(Status.VERIFIED)
                .containsExactlyElementsOf(online.stream().map(PackageResult::status).toList());
        assertThat(Files.exists(snapshot.resolve(LocalStore.registryId(fixture)).resolve("keys.json"))).isTrue();
    }

    @Test
    void offlineSnapshotMissingAPackageIsAnErrorNamingIt(@TempDir Path snapshot) {
        Registry fixture = new Registry(registry.url(), Optional.empty());
        Verification.verify(new TestLockfile().add("sigstore", "1.0.0"), RegistryConfig.of(fixture),
                new CachingRegistrySource(new LocalStore(snapshot), Verification.http(), true));

        List<PackageResult> offline = Verification.verify(lockfile(), RegistryConfig.of(fixture),
                new OfflineRegistrySource(new LocalStore(snapshot)));

        assertThat(result(offline, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(result(offline, "nuxt@3.13.0").status()).isEqualTo(Status.ERROR);
        assertThat(result(offline, "nuxt@3.13.0").reason()).contains("nuxt@3.13.0 is not in the offline snapshot");
    }
}
