package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;
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
        return Stream.of("repository", "ref", "path", "commit", "dependency uri", "dependency ref", "event_name");
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
            case "dependency uri" -> p -> ((ObjectNode) p.get("buildDefinition").get("resolvedDependencies").get(0))
                    .put("uri", "git+https://github.com/nuxt/nuxt-evil@refs/heads/main");
            case "dependency ref" -> p -> ((ObjectNode) p.get("buildDefinition").get("resolvedDependencies").get(0))
                    .put("uri", "git+https://github.com/nuxt/nuxt@refs/heads/evil");
            case "event_name" -> p -> ((ObjectNode) p.get("buildDefinition").get("internalParameters").get("github"))
                    .put("event_name", "push");
            default -> p -> ((ObjectNode) p.get("buildDefinition").get("resolvedDependencies").get(0).get("digest"))
                    .put("gitCommit", "0".repeat(40));
        };
        edit.accept(predicate);

        assertMismatch(predicate, facts);
    }

    static Stream<String> v02Edits() {
        return Stream.of("repository", "ref", "commit", "material", "material ref", "material commit",
                "GITHUB_REPOSITORY", "GITHUB_REF", "GITHUB_SHA", "GITHUB_EVENT_NAME", "entryPoint");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v02Edits")
    void aV02PredicateDifferingFromTheCertificateIsRejected(String claim) throws AttestationException {
        ProvenanceFacts facts = facts("sigstore@1.3.0");
        ObjectNode predicate = predicate("sigstore@1.3.0");
        ObjectNode source = (ObjectNode) predicate.get("invocation").get("configSource");
        ObjectNode material = (ObjectNode) predicate.get("materials").get(0);
        ObjectNode environment = (ObjectNode) predicate.get("invocation").get("environment");
        switch (claim) {
            case "repository" -> source.put("uri", "git+https://github.com/sigstore/evil@refs/heads/main");
            case "ref" -> source.put("uri", "git+https://github.com/sigstore/sigstore-js@refs/heads/evil");
            case "commit" -> ((ObjectNode) source.get("digest")).put("sha1", "0".repeat(40));
            case "material" -> material.put("uri", "git+https://github.com/sigstore/evil@refs/heads/main");
            case "material ref" -> material.put("uri", "git+https://github.com/sigstore/sigstore-js@refs/heads/evil");
            case "material commit" -> ((ObjectNode) material.get("digest")).put("sha1", "0".repeat(40));
            case "GITHUB_REPOSITORY" -> environment.put("GITHUB_REPOSITORY", "sigstore/evil");
            case "GITHUB_REF" -> environment.put("GITHUB_REF", "refs/heads/evil");
            case "GITHUB_SHA" -> environment.put("GITHUB_SHA", "0".repeat(40));
            case "GITHUB_EVENT_NAME" -> environment.put("GITHUB_EVENT_NAME", "workflow_dispatch");
            default -> source.put("entryPoint", ".github/workflows/evil.yml");
        }

        assertMismatch(predicate, facts);
    }

    private static void assertMismatch(JsonNode predicate, ProvenanceFacts facts) {
        assertThatThrownBy(() -> ProvenanceIdentity.check(predicate, facts))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("PROVENANCE_IDENTITY_MISMATCH");
    }

    @Test
    void theFirstV02FormatsMaterialWithoutARefMustStillNameTheCertifiedRepository() throws AttestationException {
        // gha@v0 wrote the material as git+<repository>, without the ref its config source carries
        ProvenanceFacts facts = facts("sigstore@0.4.0");
        ObjectNode predicate = predicate("sigstore@0.4.0");
        assertThat(predicate.get("materials").get(0).get("uri").asText())
                .isEqualTo("git+https://github.com/sigstore/sigstore-js");
        ((ObjectNode) predicate.get("materials").get(0)).put("uri", "git+https://github.com/sigstore/evil");

        assertThatThrownBy(() -> ProvenanceIdentity.check(predicate, facts))
                .isInstanceOf(AttestationException.class)
                .hasMessage("the provenance claims material \"git+https://github.com/sigstore/evil\", but the "
                        + "certificate that signed it says \"git+https://github.com/sigstore/sigstore-js@refs/tags/v0.4.0\"");
    }
}
