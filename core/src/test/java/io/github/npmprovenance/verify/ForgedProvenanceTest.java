package io.github.npmprovenance.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.attestation.TrustMaterial;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForgedSigstore;
import io.github.npmprovenance.testing.RecordedAttestations;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * nuxt@4.1.2 served with its real publish attestation and its real provenance statement, signed again under a
 * throwaway Fulcio, CT log and Rekor log added to the trusted root (as {@code --trusted-root} adds a private
 * Sigstore's): every cryptographic check passes, so what decides is the identity the certificate names.
 */
class ForgedProvenanceTest {
    private static final String KEY = "nuxt@4.1.2";
    private static final String ISSUER = "https://token.actions.githubusercontent.com";

    @TempDir
    Path dir;

    private PackageResult verify(ForgedSigstore sigstore, ObjectNode provenanceBundle) throws Exception {
        ObjectNode response = RecordedAttestations.response(KEY).deepCopy();
        for (JsonNode attestation : response.get("attestations")) {
            if (attestation.path("predicateType").asText().startsWith("https://slsa.dev/provenance/")) {
                ((ObjectNode) attestation).set("bundle", provenanceBundle);
            }
        }
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            registry.setAttestations("nuxt", "4.1.2", response);
            String lockfile = new TestLockfile().add("nuxt", "4.1.2", RecordedAttestations.integrity(KEY)).json();
            TrustMaterial trust = TrustMaterial.of(Optional.of(sigstore.trustedRoot(dir)), Optional.empty());
            return new Verifier(RegistryConfig.of(new Registry(registry.url(), Optional.empty())),
                    Verification.http(), VerifierSettings.of(2, trust).withKnownKeys(Map.of()), ProgressListener.NONE)
                    .verify(new LockfileReader().read("package-lock.json",
                            new ByteArrayInputStream(lockfile.getBytes(StandardCharsets.UTF_8)))).get(0);
        }
    }

    /** nuxt's real provenance statement, signed by a throwaway Sigstore as a certificate with these names says. */
    private PackageResult verifySignedAs(GeneralName signer, Map<Integer, String> extensions) throws Exception {
        ForgedSigstore sigstore = new ForgedSigstore();
        KeyPair key = ForgedSigstore.ec();
        X509Certificate leaf = sigstore.leaf(key, signer, extensions);
        return verify(sigstore, sigstore.bundle(realStatement(), leaf, key));
    }

    private static byte[] realStatement() {
        for (JsonNode attestation : RecordedAttestations.response(KEY).get("attestations")) {
            if (attestation.path("predicateType").asText().startsWith("https://slsa.dev/provenance/")) {
                return Base64.getDecoder().decode(attestation.path("bundle").path("dsseEnvelope").path("payload")
                        .asText());
            }
        }
        throw new AssertionError("no provenance for " + KEY);
    }

    private static GeneralName workflow(String uri) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, uri);
    }

    @Test
    void theRepositoryThatBuiltItVerifiesWithoutALinkToThePublicLogForAnotherLogsEntry() throws Exception {
        String signer = "https://github.com/nuxt/nuxt/.github/workflows/release.yml@refs/heads/main";

        PackageResult result = verifySignedAs(workflow(signer), Map.of(8, ISSUER, 12, "https://github.com/nuxt/nuxt"));

        assertThat(result.status()).isEqualTo(Status.VERIFIED);
        // search.sigstore.dev?logIndex=4242 is the public log's entry 4242, someone else's
        assertThat(result.provenance().orElseThrow().rekorUrl()).isEmpty();
        assertThat(result.provenance().orElseThrow().rekorEntryUrl()).isEmpty();
    }

    @Test
    void anotherRepositorysWorkflowIsCaughtByTheIdentityCheck() throws Exception {
        String signer = "https://github.com/evil/repo/.github/workflows/x.yml@refs/heads/main";

        PackageResult result = verifySignedAs(workflow(signer),
                Map.of(8, ISSUER, 12, "https://github.com/evil/repo", 14, "refs/heads/main", 18, signer));

        assertThat(result.status()).isEqualTo(Status.INVALID);
        assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("PROVENANCE_IDENTITY_MISMATCH");
    }

    @Test
    void provenanceSignedByAPersonIsNoBuildProvenance() throws Exception {
        // Fulcio certifies e-mail addresses too: nothing in such a certificate names a build, so nothing checked the
        // statement's claim of https://github.com/nuxt/nuxt, and it was VERIFIED "built from " and met
        // require-provenance
        PackageResult result = verifySignedAs(new GeneralName(GeneralName.rfc822Name, "mallory@example.com"),
                Map.of(1, "https://accounts.google.com", 8, "https://accounts.google.com"));

        assertThat(result.status()).isEqualTo(Status.INVALID);
        assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("PROVENANCE_SIGNER_NOT_A_BUILD");
        assertThat(result.reason()).contains("issued by https://accounts.google.com");
        assertThat(result.provenance()).isEmpty();
    }

    @Test
    void anEnvelopeSignedByAnotherKeyThanTheCertificatesIsInvalidThoughTheLogRecordedIt() throws Exception {
        // the log entry records the envelope's signature, payload digest and certificate as they are, and its signed
        // timestamp verifies: a log of --trusted-root need not check a signature before recording it, so only the
        // DSSE check can tell that the certificate's key did not make it
        ForgedSigstore sigstore = new ForgedSigstore();
        String signer = "https://github.com/nuxt/nuxt/.github/workflows/release.yml@refs/heads/main";
        X509Certificate leaf = sigstore.leaf(ForgedSigstore.ec(), workflow(signer),
                Map.of(8, ISSUER, 12, "https://github.com/nuxt/nuxt"));

        PackageResult result = verify(sigstore, sigstore.bundle(realStatement(), leaf, ForgedSigstore.ec()));

        assertThat(result.status()).isEqualTo(Status.INVALID);
        assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("DSSE_SIGNATURE_INVALID");
        assertThat(result.provenance()).isEmpty();
    }
}
