package io.github.npmprovenance.testing;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.HttpOptions;
import io.github.npmprovenance.registry.HttpRegistrySource;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.ProgressListener;
import io.github.npmprovenance.verify.Verifier;
import io.github.npmprovenance.verify.VerifierSettings;
import io.github.npmprovenance.attestation.TrustMaterial;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the verifier the way the command line does, with fast network settings for tests. */
public final class Verification {
    public static final HttpOptions FAST = new HttpOptions(Duration.ofMillis(1500), 2, Duration.ofMillis(20),
            Duration.ofSeconds(5));

    public static final TrustMaterial TRUST = TrustMaterial.embedded();

    private Verification() {
    }

    public static RegistrySource http() {
        return new HttpRegistrySource(FAST, "npm-provenance-test");
    }

    public static List<PackageResult> verify(TestLockfile lockfile, FixtureRegistry registry) {
        return verify(lockfile, RegistryConfig.of(new Registry(registry.url(), Optional.empty())), http());
    }

    public static List<PackageResult> verify(TestLockfile lockfile, RegistryConfig config, RegistrySource source) {
        return verify(lockfile, config, source, Map.of());
    }

    public static List<PackageResult> verify(TestLockfile lockfile, RegistryConfig config, RegistrySource source,
            Map<java.net.URI, io.github.npmprovenance.registry.RegistryKeys> knownKeys) {
        try {
            Lockfile parsed = new LockfileReader().read("package-lock.json",
                    new ByteArrayInputStream(lockfile.json().getBytes(StandardCharsets.UTF_8)));
            return new Verifier(config, source, settings().withKnownKeys(knownKeys), ProgressListener.NONE)
                    .verify(parsed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Embedded trust material, no memos, and no registry known to sign unless a test says so. */
    public static VerifierSettings settings() {
        return VerifierSettings.of(4, TRUST).withKnownKeys(Map.of());
    }

    public static PackageResult result(List<PackageResult> results, String id) {
        return results.stream().filter(r -> r.pkg().id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + id));
    }
}
