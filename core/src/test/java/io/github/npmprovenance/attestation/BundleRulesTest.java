package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.RecordedAttestations;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * One real recorded bundle per rule, edited where the rule looks, and the code that names the rule: a rule that
 * another check happens to catch first would otherwise go untested.
 */
class BundleRulesTest {
    private static final String NEW = "nuxt@4.1.2";

    private static void rejected(String key, String predicateType, Consumer<ObjectNode> edit, String code) {
        ObjectNode bundle = (ObjectNode) SigstoreBundleVerifierTest.attestation(key, predicateType).path("bundle")
                .deepCopy();
        edit.accept(bundle);
        assertThatThrownBy(() -> SigstoreBundleVerifierTest.VERIFIER.verify(bundle, predicateType,
                RecordedAttestations.expected(key)))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo(code);
    }

    private static ObjectNode entry(JsonNode bundle) {
        return (ObjectNode) bundle.path("verificationMaterial").path("tlogEntries").get(0);
    }

    @Test
    void aCheckpointSignatureThatIsNotBase64IsAnInvalidLogEntry() {
        // sigstore-java decodes it unguarded: an IllegalArgumentException, reported as "could not be checked"
        rejected(NEW, PredicateTypes.SLSA_V1, b -> {
            ObjectNode checkpoint = (ObjectNode) entry(b).path("inclusionProof").path("checkpoint");
            String envelope = checkpoint.path("envelope").asText();
            int signature = envelope.indexOf(" wNI9aj") + " wNI9aj".length();
            checkpoint.put("envelope", envelope.substring(0, signature) + "!" + envelope.substring(signature + 1));
        }, "TLOG_ENTRY_INVALID");
    }
}
