package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.testing.RecordedAttestations;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A bundle is what the registry, or anyone on the way to it, says was signed: whatever it holds, it verifies or is
 * refused with an {@link AttestationException} naming the rule it breaks, never another exception; and one that
 * verifies says what the recorded bundle says: the same statement, signature and certificate. The fuzzer edits the
 * real bundles npm served (the first byte of an input picks which: {@code BundleFuzzTestInputs/} holds one per
 * bundle); in a normal build each stored input runs once. See README, Tests.
 */
class BundleFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Recorded> RECORDED = recorded();

    private record Recorded(String key, String predicateType, JsonNode bundle) {
    }

    private static List<Recorded> recorded() {
        List<Recorded> all = new ArrayList<>();
        for (String key : RecordedAttestations.keys()) {
            for (JsonNode attestation : RecordedAttestations.response(key).path("attestations")) {
                all.add(new Recorded(key, attestation.path("predicateType").asText(), attestation.path("bundle")));
            }
        }
        return List.copyOf(all);
    }

    @FuzzTest(maxDuration = "10m")
    void anEditedBundleVerifiesOnlyAsWhatWasSigned(FuzzedDataProvider data) {
        Recorded original = RECORDED.get(data.consumeInt(0, RECORDED.size() - 1));
        JsonNode bundle;
        try {
            bundle = MAPPER.readTree(data.consumeRemainingAsBytes());
        } catch (java.io.IOException e) {
            return;
        }
        if (bundle == null) {
            return;
        }
        try {
            SigstoreBundleVerifierTest.VERIFIER.verify(bundle, original.predicateType(),
                    RecordedAttestations.expected(original.key()));
        } catch (AttestationException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(decoded(bundle.path("dsseEnvelope").path("payload")))
                .isEqualTo(decoded(original.bundle().path("dsseEnvelope").path("payload")));
        assertThat(decoded(bundle.path("dsseEnvelope").path("signatures").path(0).path("sig")))
                .isEqualTo(decoded(original.bundle().path("dsseEnvelope").path("signatures").path(0).path("sig")));
        assertThat(decoded(certificate(bundle))).isEqualTo(decoded(certificate(original.bundle())));
    }

    private static JsonNode certificate(JsonNode bundle) {
        JsonNode material = bundle.path("verificationMaterial");
        return material.path("certificate").isMissingNode()
                ? material.path("x509CertificateChain").path("certificates").path(0).path("rawBytes")
                : material.path("certificate").path("rawBytes");
    }

    /** The bytes a base64 value stands for, however it was written; the text itself where it is none. */
    private static String decoded(JsonNode value) {
        String text = value.asText("");
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder(), Base64.getMimeDecoder())) {
            try {
                return Base64.getEncoder().encodeToString(decoder.decode(text));
            } catch (IllegalArgumentException e) {
                // another alphabet, or none
            }
        }
        return text;
    }
}
