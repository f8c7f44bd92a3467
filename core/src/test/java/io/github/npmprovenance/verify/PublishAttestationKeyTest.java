package io.github.npmprovenance.verify;

import static io.github.npmprovenance.testing.Verification.result;
import static io.github.npmprovenance.testing.Verification.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.attestation.TrustMaterial;
import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingRegistrySource;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * npm checks a publish attestation against the key the registry serves under the bundle's key id, as it checks
 * registry signatures: missing (EMISSINGSIGNATUREKEY) or expired when the log recorded it (EEXPIREDSIGNATUREKEY),
 * the package fails. Real recorded bundles, real keys, mutated as served by the loopback registry.
 */
class PublishAttestationKeyTest {
    private static final String OLD_KEY = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
    private static final String NEW_KEY = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";

    private final FixtureRegistry registry = FixtureRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private ObjectNode servedKey(String keyId) {
        for (JsonNode key : registry.keys().path("keys")) {
            if (key.path("keyid").asText().equals(keyId)) {
                return (ObjectNode) key;
            }
        }
        throw new IllegalStateException("no served key " + keyId);
    }

    private static CheckResult check(PackageResult result, String name) {
        return result.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aKnownKeyForAttestationsOnlyChecksThePublishAttestationAndSignsNothing(@TempDir Path dir) throws Exception {
        // --registry-keys listing the current key for attestations only, as TUF's keys.json can
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode keysJson = (ObjectNode) mapper.readTree(RegistryKeys.class.getResourceAsStream(
                "npm-registry-keys.json"));
        ArrayNode keys = (ArrayNode) keysJson.path("keys");
        for (int i = keys.size() - 1; i >= 0; i--) {
            if (keys.get(i).path("keyId").asText().equals(NEW_KEY)
                    && keys.get(i).path("keyUsage").asText().equals("npm:signatures")) {
                keys.remove(i);
            }
        }
        Path file = dir.resolve("keys.json");
        mapper.writeValue(file.toFile(), keysJson);
        TrustMaterial trust = TrustMaterial.of(Optional.empty(), Optional.of(file));
        Lockfile lockfile = new LockfileReader().read("package-lock.json", new ByteArrayInputStream(
                new TestLockfile().add("nuxt", "4.1.2").json().getBytes(StandardCharsets.UTF_8)));
        RegistrySource answering = new ForwardingRegistrySource(Verification.http(),
                Optional.of(new Registry(registry.url(), Optional.empty())));

        PackageResult nuxt = new Verifier(RegistryConfig.of(Registry.of("https://registry.npmjs.org/")), answering,
                VerifierSettings.of(2, trust), ProgressListener.NONE).verify(lockfile).get(0);

        assertThat(check(nuxt, CheckResult.REGISTRY_SIGNATURE).code()).isEqualTo("UNKNOWN_KEY");
        // before: PUBLISH_KEY_NOT_SERVED, "not among the registry's signing keys", though the registry serves it
        assertThat(check(nuxt, CheckResult.PUBLISH_ATTESTATION).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void servedKeyExpiringWhenTheLogRecordedThePublishAttestationIsInvalid() {
        // nuxt@3.13.0: published 16:06:35.380Z (its signature still verifies), publish attestation logged at
        // 1724342797 = 16:06:37Z; npm: valid only when integratedTime < expires
        Instant logged = Instant.ofEpochSecond(1724342797L);
        servedKey(OLD_KEY).put("expires", logged.toString());

        PackageResult nuxt = result(verify(new TestLockfile().add("nuxt", "3.13.0"), registry), "nuxt@3.13.0");

        assertThat(check(nuxt, CheckResult.REGISTRY_SIGNATURE).outcome()).isEqualTo(Outcome.PASS);
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(check(nuxt, CheckResult.PUBLISH_ATTESTATION).code()).isEqualTo("PUBLISH_KEY_EXPIRED");
        assertThat(nuxt.reason()).contains(OLD_KEY).contains("2024-08-22T16:06:37Z");
    }

    @Test
    void servedKeyExpiringJustAfterTheLogTimeStillVerifies() {
        servedKey(OLD_KEY).put("expires", "2024-08-22T16:06:37.001Z");

        PackageResult nuxt = result(verify(new TestLockfile().add("nuxt", "3.13.0"), registry), "nuxt@3.13.0");

        assertThat(nuxt.status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void publishAttestationFromARegistryServingNoKeysIsNotVerified() {
        registry.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.NOT_FOUND, 100);
        ((ObjectNode) registry.version("tuf-js", "1.0.0").path("dist")).remove("signatures");

        List<PackageResult> results = verify(new TestLockfile().add("tuf-js", "1.0.0").add("sigstore", "2.0.0"),
                registry);

        PackageResult tufJs = result(results, "tuf-js@1.0.0");
        // npm fails it (EMISSINGSIGNATUREKEY); with no keys at all there is nothing to check it with
        assertThat(tufJs.status()).isEqualTo(Status.ERROR);
        assertThat(check(tufJs, CheckResult.PUBLISH_ATTESTATION).code()).isEqualTo("REGISTRY_KEYS_MISSING");
        assertThat(tufJs.reason()).contains(OLD_KEY).contains("the registry publishes no signing keys");
        // keyless provenance needs no registry key
        assertThat(result(results, "sigstore@2.0.0").status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void publishAttestationKeyTheRegistryDoesNotServeIsInvalid() {
        // the recorded sigstore@2.3.1 is unsigned; its publish attestation names the old key
        ((com.fasterxml.jackson.databind.node.ArrayNode) registry.keys().path("keys")).remove(0);
        assertThat(registry.keys().path("keys").get(0).path("keyid").asText()).isEqualTo(NEW_KEY);

        PackageResult sigstore = result(verify(new TestLockfile().add("sigstore", "2.3.1"), registry),
                "sigstore@2.3.1");

        assertThat(sigstore.status()).isEqualTo(Status.INVALID);
        assertThat(check(sigstore, CheckResult.PUBLISH_ATTESTATION).code()).isEqualTo("PUBLISH_KEY_NOT_SERVED");
    }

    @Test
    void servedKeyWithOtherMaterialUnderThePublishKeyIdIsInvalid() {
        // npm verifies with the served key's material, which did not sign the attestation
        servedKey(OLD_KEY).put("key", servedKey(NEW_KEY).get("key").asText());

        PackageResult sigstore = result(verify(new TestLockfile().add("sigstore", "2.3.1"), registry),
                "sigstore@2.3.1");

        assertThat(sigstore.status()).isEqualTo(Status.INVALID);
        assertThat(check(sigstore, CheckResult.PUBLISH_ATTESTATION).code()).isEqualTo("PUBLISH_KEY_MISMATCH");
    }

    @Test
    void publishAttestationWhoseSignatureNamesNoKeyIsInvalid() {
        // npm looks the key up by the DSSE signature's keyid alone; without one it has no key to verify with and
        // fails the package (EATTESTATIONVERIFY), though the bundle's hint names a served key. The keyid is not
        // signed, so the recorded signature and log entry still match
        for (JsonNode attestation : registry.attestations("nuxt", "3.13.0").path("attestations")) {
            if (attestation.path("bundle").path("verificationMaterial").has("publicKey")) {
                ((ObjectNode) attestation.path("bundle").path("dsseEnvelope").path("signatures").get(0))
                        .put("keyid", "");
            }
        }

        PackageResult nuxt = result(verify(new TestLockfile().add("nuxt", "3.13.0"), registry), "nuxt@3.13.0");

        assertThat(check(nuxt, CheckResult.PUBLISH_ATTESTATION).code()).isEqualTo("DSSE_KEYID_MISSING");
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.reason()).isEqualTo("publish attestation does not verify: the publish signature names "
                + "no key id, so npm has no registry key to check it with (the bundle's hint is " + OLD_KEY + ")");
    }
}
