package io.github.npmprovenance.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.attestation.ExpectedSubject;
import io.github.npmprovenance.attestation.PredicateTypes;
import io.github.npmprovenance.attestation.SigstoreBundleVerifier;
import io.github.npmprovenance.attestation.VerifiedAttestation;
import io.github.npmprovenance.testing.RecordedAttestations;
import io.github.npmprovenance.testing.Verification;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttestationMemoTest {
    @TempDir
    Path dir;

    private static JsonNode provenanceBundle() {
        return RecordedAttestations.response("nuxt@4.1.2").path("attestations").get(1).path("bundle");
    }

    private static String predicateType() {
        return RecordedAttestations.response("nuxt@4.1.2").path("attestations").get(1).path("predicateType").asText();
    }

    @Test
    void aVerifiedAttestationIsRecalledAcrossRunsOnlyForIdenticalInputs() throws Exception {
        ExpectedSubject subject = RecordedAttestations.expected("nuxt@4.1.2");
        VerifiedAttestation verified = new SigstoreBundleVerifier(Verification.TRUST)
                .verify(provenanceBundle(), predicateType(), subject);
        AttestationMemo first = AttestationMemo.load(dir.resolve("memo.jsonl"), Verification.TRUST.digest());
        first.remember(provenanceBundle(), predicateType(), subject, verified);
        first.save();

        AttestationMemo second = AttestationMemo.load(dir.resolve("memo.jsonl"), Verification.TRUST.digest());

        assertThat(predicateType()).isEqualTo(PredicateTypes.SLSA_V1);
        assertThat(second.recall(provenanceBundle(), predicateType(), subject)).contains(verified);
        // another lockfile digest, another bundle byte, or other trust material: verify again
        ExpectedSubject otherDigest = new ExpectedSubject(subject.name(), subject.version(), "00" + subject.sha512Hex().substring(2));
        assertThat(second.recall(provenanceBundle(), predicateType(), otherDigest)).isEmpty();
        ObjectNode tampered = provenanceBundle().deepCopy();
        tampered.put("mediaType", tampered.get("mediaType").asText() + " ");
        assertThat(second.recall(tampered, predicateType(), subject)).isEmpty();
        assertThat(AttestationMemo.load(dir.resolve("memo.jsonl"), "other-trust").recall(provenanceBundle(),
                predicateType(), subject)).isEmpty();
    }

    @Test
    void aTornOrForeignMemoFileIsIgnored() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("memo.jsonl"), "{\"key\":\"abc\",\"integratedTime\":\n garbage\n");

        AttestationMemo memo = AttestationMemo.load(dir.resolve("memo.jsonl"), Verification.TRUST.digest());

        assertThat(memo.recall(provenanceBundle(), predicateType(), RecordedAttestations.expected("nuxt@4.1.2")))
                .isEmpty();
    }
}
