package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.npmprovenance.testing.RecordedAttestations;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real bundle npm served verifies; facts come from the Fulcio certificate. */
class SigstoreBundleVerifierTest {
    static final SigstoreBundleVerifier VERIFIER = new SigstoreBundleVerifier(TrustMaterial.embedded());

    static Stream<Arguments> recordedBundles() {
        List<Arguments> all = new ArrayList<>();
        for (String key : RecordedAttestations.keys()) {
            for (JsonNode attestation : RecordedAttestations.response(key).path("attestations")) {
                all.add(Arguments.of(key, attestation.path("predicateType").asText(),
                        attestation.path("bundle").path("mediaType").asText(), attestation));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("recordedBundles")
    void everyRecordedBundleVerifies(String key, String predicateType, String mediaType, JsonNode attestation)
            throws Exception {
        VerifiedAttestation verified = VERIFIER.verify(attestation.path("bundle"), predicateType,
                RecordedAttestations.expected(key));

        assertThat(verified.predicateType()).isEqualTo(predicateType);
        assertThat(verified.inclusionProofChecked()).isEqualTo(!mediaType.endsWith("version=0.1")
                || attestation.path("bundle").path("verificationMaterial").path("tlogEntries").get(0)
                        .path("inclusionProof").isObject());
        assertThat(verified.provenance().isPresent()).isEqualTo(PredicateTypes.isProvenance(predicateType));
    }

    @Test
    void recordedDataCoversEveryFormatNpmServes() {
        List<String> kinds = new ArrayList<>();
        recordedBundles().forEach(a -> {
            JsonNode bundle = ((JsonNode) a.get()[3]).path("bundle");
            kinds.add(bundle.path("mediaType").asText() + " "
                    + bundle.path("verificationMaterial").path("tlogEntries").get(0).path("kindVersion").path("kind")
                            .asText());
        });
        assertThat(kinds).contains(
                "application/vnd.dev.sigstore.bundle+json;version=0.1 intoto",
                "application/vnd.dev.sigstore.bundle+json;version=0.2 intoto",
                "application/vnd.dev.sigstore.bundle+json;version=0.2 dsse",
                "application/vnd.dev.sigstore.bundle.v0.3+json dsse");
    }

    @Test
    void provenanceFactsOfANewCertificate() throws Exception {
        JsonNode provenance = attestation("nuxt@4.1.2", PredicateTypes.SLSA_V1);

        ProvenanceFacts facts = VERIFIER.verify(provenance.path("bundle"), PredicateTypes.SLSA_V1,
                RecordedAttestations.expected("nuxt@4.1.2")).provenance().orElseThrow();

        assertThat(facts.sourceRepository()).isEqualTo("https://github.com/nuxt/nuxt");
        assertThat(facts.commit()).matches("[0-9a-f]{40}");
        assertThat(facts.ref()).startsWith("refs/");
        assertThat(facts.workflowPath()).startsWith(".github/workflows/");
        assertThat(facts.oidcIssuer()).isEqualTo("https://token.actions.githubusercontent.com");
        assertThat(facts.runnerEnvironment()).isEqualTo("github-hosted");
        assertThat(facts.buildTrigger()).isNotEmpty();
        assertThat(facts.rekorUrl()).isEqualTo("https://search.sigstore.dev/?logIndex=" + facts.rekorLogIndex());
    }

    @Test
    void provenanceFactsOfA2023CertificateUseTheFirstExtensionVersion() throws Exception {
        JsonNode provenance = attestation("sigstore@1.0.0", PredicateTypes.SLSA_V02);

        ProvenanceFacts facts = VERIFIER.verify(provenance.path("bundle"), PredicateTypes.SLSA_V02,
                RecordedAttestations.expected("sigstore@1.0.0")).provenance().orElseThrow();

        assertThat(facts.sourceRepository()).isEqualTo("https://github.com/sigstore/sigstore-js");
        assertThat(facts.ref()).isEqualTo("refs/tags/v1.0.0");
        assertThat(facts.commit()).matches("[0-9a-f]{40}");
        assertThat(facts.workflowPath()).isEqualTo(".github/workflows/publish.yml");
        assertThat(facts.signerIdentity())
                .isEqualTo("https://github.com/sigstore/sigstore-js/.github/workflows/publish.yml@refs/tags/v1.0.0");
    }

    @Test
    void paeCountsBytesNotCharacters() {
        assertThat(new String(SigstoreBundleVerifier.pae("t", "é".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("DSSEv1 1 t 2 é");
    }

    @Test
    void aBundleForAnotherPackageIsRejected() {
        JsonNode provenance = attestation("sigstore@1.0.0", PredicateTypes.SLSA_V02);

        assertThatThrownBy(() -> VERIFIER.verify(provenance.path("bundle"), PredicateTypes.SLSA_V02,
                RecordedAttestations.expected("tuf-js@1.0.0")))
                .isInstanceOf(AttestationException.class)
                .satisfies(e -> assertThat(((AttestationException) e).code()).isEqualTo("SUBJECT_NAME_MISMATCH"));
    }

    static JsonNode attestation(String key, String predicateType) {
        for (JsonNode attestation : RecordedAttestations.response(key).path("attestations")) {
            if (attestation.path("predicateType").asText().equals(predicateType)) {
                return attestation;
            }
        }
        throw new AssertionError("no " + predicateType + " attestation for " + key);
    }
}
