package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.RecordedAttestations;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provenance predicate must say what the Fulcio certificate says (slsa-verifier's check): same repository, ref,
 * commit and, in the v1 format, workflow. Real certificates and real predicates, recombined or edited: a signed
 * predicate claiming another source than the identity that signed it is a lie the signer told.
 */
class ProvenanceIdentityTest {
    private static ProvenanceFacts facts(String key) throws AttestationException {
        JsonNode attestation = provenance(key);
        return SigstoreBundleVerifierTest.VERIFIER.verify(attestation.path("bundle"),
                attestation.path("predicateType").asText(), RecordedAttestations.expected(key)).provenance().orElseThrow();
    }

    private static JsonNode provenance(String key) {
        for (JsonNode attestation : RecordedAttestations.response(key).path("attestations")) {
            if (PredicateTypes.isProvenance(attestation.path("predicateType").asText())) {
                return attestation;
            }
        }
        throw new AssertionError("no provenance for " + key);
    }

    private static ObjectNode predicate(String key) {
        return (ObjectNode) RecordedAttestations.statement(provenance(key).path("bundle")).get("predicate");
    }

    static Stream<String> provenanceKeys() {
        return RecordedAttestations.keys().stream().filter(k -> RecordedAttestations.response(k).path("attestations")
                .findValuesAsText("predicateType").stream().anyMatch(PredicateTypes::isProvenance));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("provenanceKeys")
    void everyRecordedPredicateAgreesWithItsCertificate(String key) throws AttestationException {
        ProvenanceFacts facts = facts(key);
        assertThatCode(() -> ProvenanceIdentity.check(predicate(key), facts)).doesNotThrowAnyException();
    }

    @Test
    void aV1PredicateFromAnotherBuildIsRejected() throws AttestationException {
        ProvenanceFacts sigstore = facts("sigstore@2.3.1");

        assertMismatch(predicate("nuxt@3.13.0"), sigstore);
    }

    @Test
    void aV02PredicateFromAnotherBuildIsRejected() throws AttestationException {
        ProvenanceFacts sigstore = facts("sigstore@1.0.0");

        assertMismatch(predicate("tuf-js@1.0.0"), sigstore);
    }

    static Stream<String> v1Edits() {
        return Stream.of("repository", "ref", "path", "commit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v1Edits")
    void aV1PredicateDifferingFromTheCertificateInOneClaimIsRejected(String claim) throws AttestationException {
        ProvenanceFacts facts = facts("nuxt@4.1.2");
        ObjectNode predicate = predicate("nuxt@4.1.2");
        ObjectNode workflow = (ObjectNode) predicate.get("buildDefinition").get("externalParameters").get("workflow");
        Consumer<ObjectNode> edit = switch (claim) {
            case "repository" -> p -> workflow.put("repository", "https://github.com/nuxt/nuxt-evil");
            case "ref" -> p -> workflow.put("ref", "refs/heads/evil");
            case "path" -> p -> workflow.put("path", ".github/workflows/evil.yml");
            default -> p -> ((ObjectNode) p.get("buildDefinition").get("resolvedDependencies").get(0).get("digest"))
                    .put("gitCommit", "0".repeat(40));
        };
        edit.accept(predicate);

        assertMismatch(predicate, facts);
    }

    static Stream<String> v02Edits() {
        return Stream.of("repository", "ref", "commit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v02Edits")
    void aV02PredicateDifferingFromTheCertificateIsRejected(String claim) throws AttestationException {
        ProvenanceFacts facts = facts("sigstore@1.3.0");
        ObjectNode predicate = predicate("sigstore@1.3.0");
        ObjectNode source = (ObjectNode) predicate.get("invocation").get("configSource");
        switch (claim) {
            case "repository" -> source.put("uri", "git+https://github.com/sigstore/evil@refs/heads/main");
            case "ref" -> source.put("uri", "git+https://github.com/sigstore/sigstore-js@refs/heads/evil");
            default -> ((ObjectNode) source.get("digest")).put("sha1", "0".repeat(40));
        }

        assertMismatch(predicate, facts);
    }

    private static void assertMismatch(JsonNode predicate, ProvenanceFacts facts) {
        assertThatThrownBy(() -> ProvenanceIdentity.check(predicate, facts))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("PROVENANCE_IDENTITY_MISMATCH");
    }
}
