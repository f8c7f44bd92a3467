package io.github.npmprovenance.verify;

import static io.github.npmprovenance.testing.Verification.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.registry.VersionMetadata;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingRegistrySource;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whatever goes wrong inside the checks of one package, that package is an ERROR and the others complete. */
class UnexpectedFailureTest {
    private final FixtureRegistry registry = FixtureRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    /** sigstore and tuf-js, real and verifying, fetched through {@code source} from the recorded registry. */
    private List<PackageResult> verifyThrough(RegistrySource source) {
        return Verification.verify(new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0"),
                RegistryConfig.of(new Registry(registry.url(), Optional.empty())), source);
    }

    /** The recorded registry, except that asking for tuf-js's attestations runs {@code failure}, which throws. */
    private static RegistrySource failingTufJsAttestations(Runnable failure) {
        return new ForwardingRegistrySource(Verification.http(), Optional.empty()) {
            @Override
            public JsonNode attestations(Registry r, String name, String version) throws RegistryException {
                if (name.equals("tuf-js")) {
                    failure.run();
                }
                return super.attestations(r, name, version);
            }
        };
    }

    /** The recorded registry, except that asking for tuf-js's packument runs {@code failure}, which throws. */
    private static RegistrySource failingTufJsPackument(Runnable failure) {
        return new ForwardingRegistrySource(Verification.http(), Optional.empty()) {
            @Override
            public Map<String, VersionMetadata> versions(Registry r, String name, Set<String> versions)
                    throws RegistryException {
                if (name.equals("tuf-js")) {
                    failure.run();
                }
                return super.versions(r, name, versions);
            }
        };
    }

    private static void assertOnlyTufJsOutOfMemory(List<PackageResult> results) {
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.ERROR);
        assertThat(result(results, "tuf-js@1.0.0").decisiveCheck().orElseThrow().code())
                .isEqualTo("OUT_OF_MEMORY");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aFailureInsideOnePackagesChecksCostsOnlyThatPackage() {
        List<PackageResult> results = verifyThrough(failingTufJsAttestations(() -> {
            throw new IllegalStateException("disk full while recording");
        }));

        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.ERROR);
        assertThat(result(results, "tuf-js@1.0.0").reason()).contains("disk full while recording");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aDocumentThatExhaustsTheHeapCostsOnlyItsPackage() {
        // what parsing a hostile registry document of a few gigabytes ends in
        assertOnlyTufJsOutOfMemory(verifyThrough(failingTufJsPackument(() -> {
            throw new OutOfMemoryError("Java heap space");
        })));
    }

    @Test
    void anAttestationsResponseThatExhaustsTheHeapCostsOnlyItsPackage() {
        // what reading a hostile attestations response (or cache record) of a few gigabytes ends in
        assertOnlyTufJsOutOfMemory(verifyThrough(failingTufJsAttestations(() -> {
            throw new OutOfMemoryError("Java heap space");
        })));
    }

    private static void assertOnlyTufJsInternalError(List<PackageResult> results) {
        assertThat(results).hasSize(2);
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.ERROR);
        assertThat(result(results, "tuf-js@1.0.0").decisiveCheck().orElseThrow().code())
                .isEqualTo("INTERNAL_ERROR");
        assertThat(result(results, "tuf-js@1.0.0").reason()).contains("StackOverflowError");
        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aDocumentNestedTooDeepForTheStackCostsOnlyItsPackage() {
        // what walking a hostile document nested thousands of levels deep ends in
        assertOnlyTufJsInternalError(verifyThrough(failingTufJsPackument(() -> {
            throw new StackOverflowError();
        })));
    }

    @Test
    void attestationsNestedTooDeepForTheStackCostOnlyTheirPackage() {
        assertOnlyTufJsInternalError(verifyThrough(failingTufJsAttestations(() -> {
            throw new StackOverflowError();
        })));
    }

    @Test
    void aProgressListenerThatThrowsNeitherStallsNorChangesTheResults() throws Exception {
        Lockfile lockfile = new LockfileReader().read("package-lock.json", new ByteArrayInputStream(
                new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0").addWorkspace("packages/a", "a",
                        "1.0.0").json().getBytes(StandardCharsets.UTF_8)));
        ProgressListener broken = (done, total) -> {
            throw new IllegalStateException("console closed");
        };
        Verifier verifier = new Verifier(RegistryConfig.of(new Registry(registry.url(), Optional.empty())),
                Verification.http(), Verification.settings(), broken);

        List<PackageResult> results = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> verifier.verify(lockfile));

        assertThat(result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aFailureWhileGettingARegistrysKeysCostsThatRegistrysPackagesTheirSignatureCheck() {
        RegistrySource breaksOnKeys = new ForwardingRegistrySource(Verification.http(), Optional.empty()) {
            @Override
            public Optional<RegistryKeys> keys(Registry r) {
                throw new IllegalStateException("snapshot not writable");
            }
        };

        List<PackageResult> results = verifyThrough(breaksOnKeys);

        assertThat(results).hasSize(2).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(Status.ERROR);
            assertThat(r.reason()).contains("signing keys").contains("snapshot not writable");
        });
    }
}
