package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.registry.RegistryKey;
import io.github.npmprovenance.testing.Fixtures;
import io.github.npmprovenance.testing.RecordedAttestations;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real recorded bundle per rule, edited where the rule looks, and the code that names the rule: a rule that
 * another check happens to catch first would otherwise go untested. nuxt@4.1.2 carries a 0.3 provenance bundle
 * (single certificate, dsse entry, proof and checkpoint) and a 0.2 publish bundle; sigstore@1.0.0 0.1 bundles with
 * only the signed entry timestamp.
 */
class BundleRulesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NEW = "nuxt@4.1.2";
    private static final String OLD = "sigstore@1.0.0";
    private static final String OLD_KEY = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";
    private static final String NEW_KEY = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";

    private static ObjectNode bundle(String key, String predicateType) {
        return (ObjectNode) SigstoreBundleVerifierTest.attestation(key, predicateType).path("bundle").deepCopy();
    }

    private static void rejected(SigstoreBundleVerifier verifier, String key, String predicateType,
            Consumer<ObjectNode> edit, String code) {
        ObjectNode bundle = bundle(key, predicateType);
        edit.accept(bundle);
        assertThatThrownBy(() -> verifier.verify(bundle, predicateType, RecordedAttestations.expected(key)))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo(code);
    }

    private static void rejected(String key, String predicateType, Consumer<ObjectNode> edit, String code) {
        rejected(SigstoreBundleVerifierTest.VERIFIER, key, predicateType, edit, code);
    }

    private static ObjectNode entry(JsonNode bundle) {
        return (ObjectNode) bundle.path("verificationMaterial").path("tlogEntries").get(0);
    }

    private static ObjectNode material(JsonNode bundle) {
        return (ObjectNode) bundle.path("verificationMaterial");
    }

    private static ObjectNode signature(JsonNode bundle) {
        return (ObjectNode) bundle.path("dsseEnvelope").path("signatures").get(0);
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

    @Test
    void everyLogEntryOfTheBundleIsChecked() throws Exception {
        // sigstore-js checks every entry npm's bundles carry; one left unchecked is one a tampered bundle can carry
        JsonNode publishEntry = entry(bundle(NEW, PredicateTypes.NPM_PUBLISH_V01));
        rejected(NEW, PredicateTypes.SLSA_V1, b -> {
            ObjectNode second = entry(b).deepCopy();
            ObjectNode promise = (ObjectNode) second.path("inclusionPromise");
            byte[] set = Base64.getDecoder().decode(promise.path("signedEntryTimestamp").asText());
            set[set.length - 3] ^= 0x01;
            promise.put("signedEntryTimestamp", Base64.getEncoder().encodeToString(set));
            ((ArrayNode) material(b).path("tlogEntries")).add(second);
        }, "TLOG_ENTRY_INVALID");
        // a real, valid entry, but for the publish attestation's envelope
        rejected(NEW, PredicateTypes.SLSA_V1, b -> ((ArrayNode) material(b).path("tlogEntries")).add(publishEntry),
                "TLOG_BODY_MISMATCH");
        rejected(OLD, PredicateTypes.SLSA_V02, b -> ((ArrayNode) material(b).path("tlogEntries"))
                .add(entry(bundle("tuf-js@1.0.0", PredicateTypes.SLSA_V02))), "CERTIFICATE_NOT_VALID_AT_LOG_TIME");

        // an unedited copy passes every check of an entry: sigstore-js, reading each entry as a timestamp (log id,
        // integrated time), then refuses the bundle for giving one twice, and npm audit signatures fails it
        rejected(NEW, PredicateTypes.SLSA_V1,
                b -> ((ArrayNode) material(b).path("tlogEntries")).add(entry(b).deepCopy()), "TLOG_ENTRY_DUPLICATE");
    }

    @Test
    void aBundleWithMoreLogEntriesThanAnyRealOneIsRefusedUnchecked() throws Exception {
        // valid copies of the real entry: each would cost a full check, and a registry could send thousands
        rejected(NEW, PredicateTypes.SLSA_V1, b -> {
            for (int i = 0; i < SigstoreBundleVerifier.MAX_TLOG_ENTRIES; i++) {
                ((ArrayNode) material(b).path("tlogEntries")).add(entry(b).deepCopy());
            }
        }, "TLOG_ENTRY_COUNT");

        // as many as that are checked, each one: copies of one entry get as far as the duplicate check
        rejected(NEW, PredicateTypes.SLSA_V1, b -> {
            for (int i = 1; i < SigstoreBundleVerifier.MAX_TLOG_ENTRIES; i++) {
                ((ArrayNode) material(b).path("tlogEntries")).add(entry(b).deepCopy());
            }
        }, "TLOG_ENTRY_DUPLICATE");
    }

    @Test
    void aBundleVersionAfter03IsUnsupported() {
        rejected(NEW, PredicateTypes.SLSA_V1,
                b -> b.put("mediaType", "application/vnd.dev.sigstore.bundle.v0.4+json"), "BUNDLE_MEDIA_TYPE_UNSUPPORTED");
    }

    @Test
    void provenanceWithoutItsCertificateIsRefused() {
        rejected(NEW, PredicateTypes.SLSA_V1, b -> material(b).remove("certificate"), "CERTIFICATE_MISSING");
    }

    @Test
    void provenanceSignedByTheRegistryKeyInsteadOfACertificateIsRefused() {
        // the publish bundle's key material under the provenance: only a Fulcio certificate may sign provenance
        rejected(NEW, PredicateTypes.SLSA_V1, b -> {
            material(b).remove("certificate");
            material(b).putObject("publicKey").put("hint", NEW_KEY);
        }, "CERTIFICATE_MISSING");
    }

    @Test
    void aCertificateThatDoesNotChainToFulcioIsInvalid() {
        rejected(NEW, PredicateTypes.SLSA_V1, b -> {
            ObjectNode certificate = (ObjectNode) material(b).path("certificate");
            byte[] der = Base64.getDecoder().decode(certificate.path("rawBytes").asText());
            der[der.length - 10] ^= 0x01; // inside the CA's signature
            certificate.put("rawBytes", Base64.getEncoder().encodeToString(der));
        }, "CERTIFICATE_INVALID");
    }

    @Test
    void aLogEntryRecordedOutsideTheCertificatesTenMinutesIsRefused() {
        // tuf-js@1.0.0's real entry, logged days after sigstore@1.0.0's certificate expired
        JsonNode other = entry(bundle("tuf-js@1.0.0", PredicateTypes.SLSA_V02));
        rejected(OLD, PredicateTypes.SLSA_V02, b -> ((ArrayNode) material(b).path("tlogEntries")).set(0, other),
                "CERTIFICATE_NOT_VALID_AT_LOG_TIME");
    }

    @Test
    void twoSignaturesAreRefused() {
        rejected(NEW, PredicateTypes.SLSA_V1, b -> ((ArrayNode) b.path("dsseEnvelope").path("signatures"))
                .add(signature(b).deepCopy()), "DSSE_SIGNATURE_COUNT");
    }

    @Test
    void noSignatureIsRefused() {
        rejected(NEW, PredicateTypes.SLSA_V1, b -> ((ArrayNode) b.path("dsseEnvelope").path("signatures"))
                .removeAll(), "DSSE_SIGNATURE_COUNT");
    }

    @Test
    void aPublishSignatureNamingAnotherKeyThanTheBundleIsRefused() {
        rejected(NEW, PredicateTypes.NPM_PUBLISH_V01, b -> signature(b).put("keyid", OLD_KEY), "DSSE_KEYID_MISMATCH");
    }

    @Test
    void aPublishBundleNamingNoKeyIsRefused() {
        rejected(NEW, PredicateTypes.NPM_PUBLISH_V01, b -> material(b).remove("publicKey"), "PUBLISH_KEY_MISSING");
    }

    @Test
    void aPublishKeyThatIsNoRegistryAttestationKeyIsRefused() {
        String unknown = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        rejected(NEW, PredicateTypes.NPM_PUBLISH_V01, b -> {
            signature(b).put("keyid", unknown);
            ((ObjectNode) material(b).path("publicKey")).put("hint", unknown);
        }, "PUBLISH_KEY_UNKNOWN");
    }

    @Test
    void aPublishKeyNotYetOrNoLongerValidForAttestationsAtTheLogTimeIsRefused(@TempDir Path dir) throws Exception {
        // the real TUF keys target, with the old key's attestation usage ending the second nuxt@3.13.0's publish
        // attestation was logged (1724342797)
        ObjectNode keys = (ObjectNode) Fixtures.json("trusted-root/npm-registry-keys.tuf-target.json").deepCopy();
        for (JsonNode key : keys.path("keys")) {
            if (key.path("keyId").asText().equals(OLD_KEY) && key.path("keyUsage").asText().equals("npm:attestations")) {
                ((ObjectNode) key.path("publicKey").path("validFor")).put("end", "2024-08-22T16:06:37Z");
            }
        }
        Path file = dir.resolve("keys.json");
        Files.write(file, MAPPER.writeValueAsBytes(keys));
        SigstoreBundleVerifier verifier = new SigstoreBundleVerifier(TrustMaterial.of(Optional.empty(), Optional.of(file)));

        rejected(verifier, "nuxt@3.13.0", PredicateTypes.NPM_PUBLISH_V01, b -> { }, "PUBLISH_KEY_NOT_VALID");
    }

    @Test
    void aPublishKeyIsValidForAttestationsFromItsStartOnward(@TempDir Path dir) throws Exception {
        // the real TUF keys target, with the old key's attestation usage starting one second after nuxt@3.13.0's
        // publish attestation was logged (1724342797), and then exactly when it was
        SigstoreBundleVerifier notYet = verifierWithOldAttestationKeyFrom(dir, "2024-08-22T16:06:38Z");
        rejected(notYet, "nuxt@3.13.0", PredicateTypes.NPM_PUBLISH_V01, b -> { }, "PUBLISH_KEY_NOT_VALID");

        SigstoreBundleVerifier fromThen = verifierWithOldAttestationKeyFrom(dir, "2024-08-22T16:06:37Z");
        assertThatCode(() -> fromThen.verify(bundle("nuxt@3.13.0", PredicateTypes.NPM_PUBLISH_V01),
                PredicateTypes.NPM_PUBLISH_V01, RecordedAttestations.expected("nuxt@3.13.0")))
                .doesNotThrowAnyException();
    }

    private static SigstoreBundleVerifier verifierWithOldAttestationKeyFrom(Path dir, String start) throws Exception {
        ObjectNode keys = (ObjectNode) Fixtures.json("trusted-root/npm-registry-keys.tuf-target.json").deepCopy();
        for (JsonNode key : keys.path("keys")) {
            if (key.path("keyId").asText().equals(OLD_KEY) && key.path("keyUsage").asText().equals("npm:attestations")) {
                ((ObjectNode) key.path("publicKey").path("validFor")).put("start", start);
            }
        }
        Path file = dir.resolve("keys-" + start.replace(':', '-') + ".json");
        Files.write(file, MAPPER.writeValueAsBytes(keys));
        return new SigstoreBundleVerifier(TrustMaterial.of(Optional.empty(), Optional.of(file)));
    }

    @Test
    void aBundleWithoutATransparencyLogEntryIsRefused() {
        // the log entry is what dates the signature and binds it to the envelope: without one nothing is proven
        rejected(NEW, PredicateTypes.SLSA_V1, b -> ((ArrayNode) material(b).path("tlogEntries")).removeAll(),
                "TLOG_ENTRY_MISSING");
        rejected(OLD, PredicateTypes.NPM_PUBLISH_V01, b -> material(b).remove("tlogEntries"), "TLOG_ENTRY_MISSING");
    }

    @Test
    void aCertificateWhoseSctNoTrustedCtLogSignedIsInvalid(@TempDir Path dir) throws Exception {
        // the real trusted root without the CT log that signed nuxt@4.1.2's SCT (ctfe.sigstore.dev/2022): the
        // certificate still chains to Fulcio, so only the SCT check can refuse it
        SigstoreBundleVerifier verifier = verifierWithRoot(dir, root -> ((ArrayNode) root.path("ctlogs"))
                .removeIf(log -> log.path("baseUrl").asText().equals("https://ctfe.sigstore.dev/2022")));

        rejected(verifier, NEW, PredicateTypes.SLSA_V1, b -> { }, "CERTIFICATE_INVALID");
    }

    @Test
    void aCertificateWhoseSctWasSignedByARetiredCtLogKeyIsInvalid(@TempDir Path dir) throws Exception {
        // the real trusted root with ctfe.sigstore.dev/2022 retired at the start of 2023, long before nuxt@4.1.2's
        // certificate (2025): sigstore-js, in npm, takes only CT logs valid at the SCT's time
        SigstoreBundleVerifier verifier = verifierWithRoot(dir, root -> {
            for (JsonNode log : root.path("ctlogs")) {
                if (log.path("baseUrl").asText().equals("https://ctfe.sigstore.dev/2022")) {
                    ((ObjectNode) log.path("publicKey").path("validFor")).put("end", "2023-01-01T00:00:00Z");
                }
            }
        });

        rejected(verifier, NEW, PredicateTypes.SLSA_V1, b -> { }, "CERTIFICATE_INVALID");
    }

    @Test
    void aCertificateIssuedAfterItsFulcioCaWasRetiredIsInvalid(@TempDir Path dir) throws Exception {
        // the real trusted root with the current Fulcio chain retired at the start of 2023, long before nuxt@4.1.2's
        // certificate (2025): sigstore-js, in npm, takes only certificate authorities valid when it was issued
        SigstoreBundleVerifier verifier = verifierWithRoot(dir, root -> {
            for (JsonNode ca : root.path("certificateAuthorities")) {
                if (ca.path("validFor").path("end").isMissingNode()) {
                    ((ObjectNode) ca.path("validFor")).put("end", "2023-01-01T00:00:00Z");
                }
            }
        });

        rejected(verifier, NEW, PredicateTypes.SLSA_V1, b -> { }, "CERTIFICATE_INVALID");
    }

    @Test
    void aRegistryKeyForSignaturesOnlyDoesNotSignPublishAttestations(@TempDir Path dir) throws Exception {
        // the real TUF keys target without the old key's npm:attestations entry: the same key material stays
        // trusted for registry signatures, which must not let it sign nuxt@3.13.0's publish attestation
        ObjectNode keys = (ObjectNode) Fixtures.json("trusted-root/npm-registry-keys.tuf-target.json").deepCopy();
        ((ArrayNode) keys.path("keys")).removeIf(key -> key.path("keyId").asText().equals(OLD_KEY)
                && key.path("keyUsage").asText().equals("npm:attestations"));
        Path file = dir.resolve("keys.json");
        Files.write(file, MAPPER.writeValueAsBytes(keys));
        SigstoreBundleVerifier verifier = new SigstoreBundleVerifier(TrustMaterial.of(Optional.empty(), Optional.of(file)));

        rejected(verifier, "nuxt@3.13.0", PredicateTypes.NPM_PUBLISH_V01, b -> { }, "PUBLISH_KEY_UNKNOWN");
    }

    /** A verifier trusting the real trusted root, edited. */
    private static SigstoreBundleVerifier verifierWithRoot(Path dir, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode root = (ObjectNode) Fixtures.json("trusted-root/trusted_root.json").deepCopy();
        edit.accept(root);
        Path file = dir.resolve("trusted_root.json");
        Files.write(file, MAPPER.writeValueAsBytes(root));
        return new SigstoreBundleVerifier(TrustMaterial.of(Optional.of(file), Optional.empty()));
    }

    @Test
    void aLogEntryWithoutItsSignedEntryTimestampIsRefused() {
        rejected(NEW, PredicateTypes.SLSA_V1, b -> entry(b).remove("inclusionPromise"), "TLOG_SET_MISSING");
        rejected(OLD, PredicateTypes.SLSA_V02, b -> entry(b).remove("inclusionPromise"), "TLOG_SET_MISSING");
    }

    @Test
    void a02BundleWithoutItsInclusionProofIsRefused() {
        rejected(NEW, PredicateTypes.NPM_PUBLISH_V01, b -> entry(b).remove("inclusionProof"), "TLOG_PROOF_MISSING");
        // a 0.1 bundle relabelled 0.2 to pass with the signed entry timestamp alone
        rejected(OLD, PredicateTypes.SLSA_V02,
                b -> b.put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.2"), "TLOG_PROOF_MISSING");
    }

    @Test
    void anEntryFromALogOutsideTheTrustedRootIsRefused() {
        rejected(NEW, PredicateTypes.SLSA_V1, b -> ((ObjectNode) entry(b).path("logId"))
                .put("keyId", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="), "TLOG_UNKNOWN");
    }

    @Test
    void anEntryFromALogKeyRetiredBeforeTheLogTimeIsRefused(@TempDir Path dir) throws Exception {
        // the real trusted root, with rekor.sigstore.dev's key retired at the start of 2023: sigstore@1.0.0's entry
        // (February 2023) names a trusted log id, but not one valid then
        SigstoreBundleVerifier verifier = verifierWithRoot(dir, root -> {
            for (JsonNode log : root.path("tlogs")) {
                if (log.path("baseUrl").asText().equals("https://rekor.sigstore.dev")) {
                    ((ObjectNode) log.path("publicKey").path("validFor")).put("end", "2023-01-01T00:00:00Z");
                }
            }
        });

        rejected(verifier, OLD, PredicateTypes.NPM_PUBLISH_V01, b -> { }, "TLOG_UNKNOWN");
    }

    @Test
    void anEditedSignedEntryTimestampIsAnInvalidEntry() {
        for (String key : new String[] {NEW, OLD}) {
            String type = key.equals(NEW) ? PredicateTypes.SLSA_V1 : PredicateTypes.SLSA_V02;
            rejected(key, type, b -> {
                ObjectNode promise = (ObjectNode) entry(b).path("inclusionPromise");
                byte[] set = Base64.getDecoder().decode(promise.path("signedEntryTimestamp").asText());
                set[set.length - 3] ^= 0x01;
                promise.put("signedEntryTimestamp", Base64.getEncoder().encodeToString(set));
            }, "TLOG_ENTRY_INVALID");
        }
    }

    @Test
    void aLogEntryOfAKindNotReadIsUnsupported() throws Exception {
        // the real dsse body relabelled 0.0.2 on both sides, so that the kinds agree and only support is in question
        JsonNode bundle = bundle(NEW, PredicateTypes.SLSA_V1);
        ObjectNode body = (ObjectNode) MAPPER.readTree(Base64.getDecoder().decode(
                entry(bundle).path("canonicalizedBody").asText()));
        body.put("apiVersion", "0.0.2");
        byte[] payload = Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText());
        byte[] sig = Base64.getDecoder().decode(signature(bundle).path("sig").asText());

        assertThatThrownBy(() -> TlogBody.match(body, "dsse", "0.0.2", payload, sig, new byte[0]))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("TLOG_KIND_UNSUPPORTED");
    }

    @Test
    void theLogEntryMustRecordThisEnvelopesSignatureDigestAndSigningKey() throws Exception {
        // unreachable through verify() with real data: the log signs the entry's body, so it is edited here; a dsse
        // 0.0.1 entry (nuxt@4.1.2) and an intoto 0.0.2 one (sigstore@1.0.0), each against the other's certificate
        for (String key : new String[] {NEW, OLD}) {
            String type = key.equals(NEW) ? PredicateTypes.SLSA_V1 : PredicateTypes.SLSA_V02;
            JsonNode bundle = bundle(key, type);
            String kind = entry(bundle).path("kindVersion").path("kind").asText();
            String version = entry(bundle).path("kindVersion").path("version").asText();
            ObjectNode body = (ObjectNode) MAPPER.readTree(Base64.getDecoder().decode(
                    entry(bundle).path("canonicalizedBody").asText()));
            byte[] payload = Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText());
            byte[] sig = Base64.getDecoder().decode(signature(bundle).path("sig").asText());
            byte[] leaf = leafDer(bundle);
            byte[] otherLeaf = leafDer(key.equals(NEW) ? bundle(OLD, PredicateTypes.SLSA_V02)
                    : bundle(NEW, PredicateTypes.SLSA_V1));
            byte[] otherSig = sig.clone();
            otherSig[otherSig.length / 2] ^= 0x01;
            byte[] otherPayload = (new String(payload, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
            JsonNode spec = kind.equals("dsse") ? body.path("spec") : body.path("spec").path("content");
            ArrayNode signatures = (ArrayNode) (kind.equals("dsse") ? spec.path("signatures")
                    : spec.path("envelope").path("signatures"));
            ObjectNode twoSignatures = body.deepCopy();
            ((ArrayNode) (kind.equals("dsse") ? twoSignatures.path("spec").path("signatures")
                    : twoSignatures.path("spec").path("content").path("envelope").path("signatures")))
                    .add(signatures.get(0).deepCopy());
            ObjectNode sha512 = body.deepCopy();
            ((ObjectNode) (kind.equals("dsse") ? sha512.path("spec") : sha512.path("spec").path("content"))
                    .path("payloadHash")).put("algorithm", "sha512");

            assertThatCode(() -> TlogBody.match(body, kind, version, payload, sig, leaf)).as(key)
                    .doesNotThrowAnyException();
            bodyMismatch(() -> TlogBody.match(body, kind, version, payload, sig, otherLeaf), "different signing key");
            bodyMismatch(() -> TlogBody.match(body, kind, version, payload, otherSig, leaf), "different signature");
            bodyMismatch(() -> TlogBody.match(body, kind, version, otherPayload, sig, leaf), "different payload digest");
            bodyMismatch(() -> TlogBody.match(twoSignatures, kind, version, payload, sig, leaf), "exactly one signature");
            bodyMismatch(() -> TlogBody.match(sha512, kind, version, payload, sig, leaf), "digest is not sha256");
            // the bundle naming the other kind, or another version of this one, than the entry is
            String otherKind = kind.equals("dsse") ? "intoto" : "dsse";
            String otherVersion = kind.equals("dsse") ? "0.0.2" : "0.0.1";
            bodyMismatch(() -> TlogBody.match(body, otherKind, otherVersion, payload, sig, leaf), "but the bundle says");
            bodyMismatch(() -> TlogBody.match(body, kind, "0.0.9", payload, sig, leaf), "but the bundle says");
        }
    }

    private static void bodyMismatch(org.assertj.core.api.ThrowableAssert.ThrowingCallable match, String message) {
        assertThatThrownBy(match).as(message).isInstanceOf(AttestationException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("TLOG_BODY_MISMATCH");
    }

    /** The signing certificate's DER: a 0.3 bundle's single certificate, or the first of an older one's chain. */
    private static byte[] leafDer(JsonNode bundle) {
        JsonNode material = bundle.path("verificationMaterial");
        JsonNode certificate = material.has("certificate") ? material.path("certificate")
                : material.path("x509CertificateChain").path("certificates").get(0);
        return Base64.getDecoder().decode(certificate.path("rawBytes").asText());
    }

    @Test
    void theDsseSignatureMustVerifyWithTheSigningKey() {
        // unreachable through verify() with real data: the log entry pins signature, payload and key first
        JsonNode bundle = bundle(NEW, PredicateTypes.NPM_PUBLISH_V01);
        byte[] payload = Base64.getDecoder().decode(bundle.path("dsseEnvelope").path("payload").asText());
        byte[] sig = Base64.getDecoder().decode(signature(bundle).path("sig").asText());
        PublicKey signer = key(NEW_KEY);
        PublicKey other = key(OLD_KEY);

        assertThatCode(() -> SigstoreBundleVerifier.verifyDsseSignature(signer,
                SigstoreBundleVerifier.IN_TOTO_PAYLOAD_TYPE, payload, sig)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SigstoreBundleVerifier.verifyDsseSignature(other,
                SigstoreBundleVerifier.IN_TOTO_PAYLOAD_TYPE, payload, sig))
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("DSSE_SIGNATURE_INVALID");
        // the PAE binds the payload type
        assertThatThrownBy(() -> SigstoreBundleVerifier.verifyDsseSignature(signer, "application/json", payload, sig))
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("DSSE_SIGNATURE_INVALID");
        byte[] edited = new String(payload, StandardCharsets.UTF_8).replace("4.1.2", "4.1.3")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SigstoreBundleVerifier.verifyDsseSignature(signer,
                SigstoreBundleVerifier.IN_TOTO_PAYLOAD_TYPE, edited, sig))
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("DSSE_SIGNATURE_INVALID");
    }

    private static PublicKey key(String keyId) {
        return TrustMaterial.embedded().registryKeys().find(keyId, RegistryKey.Usage.ATTESTATIONS).orElseThrow()
                .publicKey().orElseThrow();
    }
}
