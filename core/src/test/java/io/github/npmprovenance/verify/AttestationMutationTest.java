package io.github.npmprovenance.verify;

import static io.github.npmprovenance.testing.Verification.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.RecordedAttestations;
import io.github.npmprovenance.testing.TestLockfile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flips one region of a real bundle at a time, in each format npm serves (0.1 with SET only and intoto entries,
 * 0.2 with proof and checkpoint, 0.3 with a dsse entry), for the provenance and the publish attestation, and
 * requires the package to be INVALID with the mutated attestation named every time, failing the rule the edit breaks.
 */
class AttestationMutationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> PACKAGES = List.of("sigstore@1.0.0", "nuxt@3.13.0", "nuxt@4.1.2");
    private static FixtureRegistry registry;

    @BeforeAll
    static void start() {
        registry = FixtureRegistry.start();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /**
     * @param code the code of the rule the mutation breaks, given the bundle: a real bundle edited where one rule
     *             looks must fail that rule, not merely fail (a rule that stopped checking would otherwise go
     *             unnoticed while another one happens to catch the edit)
     */
    private record Mutation(String region, Predicate<JsonNode> applies, Consumer<ObjectNode> mutate,
            Function<JsonNode, String> code) {
        Mutation(String region, Predicate<JsonNode> applies, Consumer<ObjectNode> mutate, String code) {
            this(region, applies, mutate, b -> code);
        }
    }

    private static List<Mutation> mutations() {
        return List.of(
                // the log entry records the envelope's signature and payload digest, and is checked first
                new Mutation("DSSE signature", b -> true, b -> flip((ObjectNode) envelope(b).get("signatures").get(0), "sig"),
                        "TLOG_BODY_MISMATCH"),
                new Mutation("certificate", b -> certificate(b) != null, b -> flip(certificate(b), "rawBytes"),
                        "CERTIFICATE_INVALID"),
                new Mutation("SCT in the certificate", b -> certificate(b) != null, AttestationMutationTest::flipSct,
                        "CERTIFICATE_INVALID"),
                // the certificate is still the one signed, but the bundle is not what was served (found by fuzzing)
                new Mutation("bytes after the certificate", b -> certificate(b) != null,
                        b -> append(certificate(b), "rawBytes", new byte[] {0x04, 0x00}), "BUNDLE_MALFORMED"),
                // two keys named where the schema has one: npm would take the public key, this verifier the certificate
                new Mutation("a public key beside the certificate", b -> certificate(b) != null,
                        b -> ((ObjectNode) b.get("verificationMaterial")).putObject("publicKey").put("hint", "any"),
                        "BUNDLE_MALFORMED"),
                new Mutation("a certificate beside the public key", b -> b.path("verificationMaterial").has("publicKey"),
                        b -> ((ObjectNode) b.get("verificationMaterial")).putObject("certificate").put("rawBytes", "AAAA"),
                        "BUNDLE_MALFORMED"),
                // a bundle of version 0.3 carries no chain, which sigstore-js refuses
                new Mutation("the certificate as a chain in a 0.3 bundle", b -> b.path("mediaType").asText()
                        .matches(".*(version=0\\.3|v0\\.3\\+json)") && b.path("verificationMaterial").has("certificate"),
                        b -> {
                            ObjectNode material = (ObjectNode) b.get("verificationMaterial");
                            material.putObject("x509CertificateChain").putArray("certificates")
                                    .add(material.remove("certificate"));
                        }, "BUNDLE_MALFORMED"),
                new Mutation("log entry body", b -> true, b -> flip(entry(b), "canonicalizedBody"), "TLOG_ENTRY_INVALID"),
                new Mutation("log index", b -> true, b -> entry(b).put("logIndex",
                        Long.toString(entry(b).path("logIndex").asLong() + 1)), "TLOG_ENTRY_INVALID"),
                // an hour earlier is before the ten minutes a Fulcio certificate is valid, so it is refused first
                new Mutation("integrated time", b -> true, b -> entry(b).put("integratedTime",
                        Long.toString(entry(b).path("integratedTime").asLong() - 3600)),
                        b -> certificate(b) != null ? "CERTIFICATE_NOT_VALID_AT_LOG_TIME" : "TLOG_ENTRY_INVALID"),
                // a second later is still within the certificate's validity: only the signed entry timestamp binds it
                new Mutation("integrated time, a second later", b -> true, b -> entry(b).put("integratedTime",
                        Long.toString(entry(b).path("integratedTime").asLong() + 1)), "TLOG_ENTRY_INVALID"),
                new Mutation("log id", b -> true, b -> flip((ObjectNode) entry(b).get("logId"), "keyId"), "TLOG_UNKNOWN"),
                new Mutation("inclusion proof hash", b -> entry(b).path("inclusionProof").isObject(),
                        b -> flipArrayElement((ArrayNode) entry(b).get("inclusionProof").get("hashes"), 0),
                        "TLOG_ENTRY_INVALID"),
                new Mutation("inclusion proof root", b -> entry(b).path("inclusionProof").isObject(),
                        b -> flip((ObjectNode) entry(b).get("inclusionProof"), "rootHash"), "TLOG_ENTRY_INVALID"),
                new Mutation("signed entry timestamp", b -> true,
                        b -> flip((ObjectNode) entry(b).get("inclusionPromise"), "signedEntryTimestamp"),
                        "TLOG_ENTRY_INVALID"),
                new Mutation("checkpoint", b -> entry(b).path("inclusionProof").isObject(),
                        AttestationMutationTest::editCheckpoint, "TLOG_ENTRY_INVALID"),
                // an edited payload, statement included, is no longer the one the log recorded
                new Mutation("payload", b -> true, b -> flip(envelope(b), "payload"), "TLOG_BODY_MISMATCH"),
                new Mutation("payload type", b -> true, b -> envelope(b).put("payloadType", "application/json"),
                        "PAYLOAD_TYPE_UNSUPPORTED"),
                new Mutation("subject name", b -> true, b -> editStatement(b,
                        s -> ((ObjectNode) s.get("subject").get(0)).put("name", "pkg:npm/left-pad@1.3.0")),
                        "TLOG_BODY_MISMATCH"),
                new Mutation("subject digest", b -> true, b -> editStatement(b, s -> {
                    ObjectNode digest = (ObjectNode) s.get("subject").get(0).get("digest");
                    String hex = digest.get("sha512").asText();
                    digest.put("sha512", (hex.charAt(0) == 'a' ? "b" : "a") + hex.substring(1));
                }), "TLOG_BODY_MISMATCH"),
                new Mutation("statement predicate type", b -> true,
                        b -> editStatement(b, s -> s.put("predicateType", "https://slsa.dev/provenance/v9")),
                        "TLOG_BODY_MISMATCH"),
                new Mutation("media type", b -> true,
                        b -> b.put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=9.9"),
                        "BUNDLE_MEDIA_TYPE_UNSUPPORTED"),
                new Mutation("publish key hint", b -> b.path("verificationMaterial").has("publicKey"),
                        b -> ((ObjectNode) b.get("verificationMaterial").get("publicKey"))
                                .put("hint", "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U".equals(
                                        b.get("verificationMaterial").get("publicKey").get("hint").asText())
                                        ? "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA"
                                        : "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U"),
                        "DSSE_KEYID_MISMATCH"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String key : PACKAGES) {
            JsonNode response = RecordedAttestations.response(key);
            for (int i = 0; i < response.path("attestations").size(); i++) {
                JsonNode bundle = response.path("attestations").get(i).path("bundle");
                for (Mutation mutation : mutations()) {
                    if (mutation.applies().test(bundle)) {
                        String kind = response.path("attestations").get(i).path("predicateType").asText()
                                .contains("slsa") ? "provenance" : "publish-attestation";
                        cases.add(Arguments.of(key, kind, i, mutation.region()));
                    }
                }
            }
        }
        return cases.stream();
    }

    @Test
    void everyRegionIsCoveredInEveryFormat() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(3 * 2 * 15 + 3);
    }

    @ParameterizedTest(name = "{0} {1}: {3}")
    @MethodSource("cases")
    void mutatedRegionMakesThePackageInvalid(String key, String check, int index, String region) {
        String name = RecordedAttestations.name(key);
        String version = RecordedAttestations.version(key);
        ObjectNode response = RecordedAttestations.response(key).deepCopy();
        Mutation mutation = mutations().stream().filter(m -> m.region().equals(region)).findFirst().orElseThrow();
        ObjectNode bundle = (ObjectNode) response.get("attestations").get(index).get("bundle");
        String code = mutation.code().apply(bundle);
        mutation.mutate().accept(bundle);
        registry.setAttestations(name, version, response);

        PackageResult result = verify(new TestLockfile().add(name, version, RecordedAttestations.integrity(key)),
                registry).get(0);

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.INVALID);
        assertThat(result.checks()).filteredOn(c -> c.name().equals(check))
                .singleElement().satisfies(c -> assertThat(c.outcome()).isEqualTo(Outcome.FAIL));
        // the provenance passes when the publish attestation is mutated, so the mutated one decides either way
        assertThat(result.decisiveCheck().orElseThrow()).as(result.reason())
                .extracting(CheckResult::name, CheckResult::code).containsExactly(check, code);
        assertThat(result.provenance().isPresent()).isEqualTo(check.equals("publish-attestation"));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"provenance", "publish-attestation"})
    void aTamperedCopyAfterTheRealBundleIsCheckedToo(String check) {
        // every bundle of the response is verified: nuxt@4.1.2's real response with a second copy of one of its
        // attestations, that copy's DSSE signature flipped, after the real one
        ObjectNode response = RecordedAttestations.response("nuxt@4.1.2").deepCopy();
        ArrayNode attestations = (ArrayNode) response.get("attestations");
        ObjectNode copy = null;
        for (JsonNode attestation : attestations) {
            if (attestation.path("predicateType").asText().contains("slsa") == check.equals("provenance")) {
                copy = attestation.deepCopy();
            }
        }
        flip((ObjectNode) envelope(copy.get("bundle")).get("signatures").get(0), "sig");
        attestations.add(copy);
        registry.setAttestations("nuxt", "4.1.2", response);

        PackageResult result = verify(new TestLockfile().add("nuxt", "4.1.2",
                RecordedAttestations.integrity("nuxt@4.1.2")), registry).get(0);

        assertThat(result.status()).as(result.reason()).isEqualTo(Status.INVALID);
        assertThat(result.decisiveCheck().orElseThrow()).extracting(CheckResult::name, CheckResult::code)
                .containsExactly(check, "TLOG_BODY_MISMATCH");
    }

    @Test
    void whatABundleSaysIsQuotedInTheReasonOnlyInPart() {
        // a media type of ten million characters, quoted whole, made every report of every such package that long
        ObjectNode response = RecordedAttestations.response("nuxt@4.1.2").deepCopy();
        ((ObjectNode) response.get("attestations").get(0).get("bundle"))
                .put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=" + "9".repeat(10_000_000));
        registry.setAttestations("nuxt", "4.1.2", response);

        PackageResult result = verify(new TestLockfile().add("nuxt", "4.1.2",
                RecordedAttestations.integrity("nuxt@4.1.2")), registry).get(0);

        assertThat(result.status()).isEqualTo(Status.INVALID);
        assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("BUNDLE_MEDIA_TYPE_UNSUPPORTED");
        assertThat(result.reason()).hasSizeLessThanOrEqualTo(CheckResult.MAX_MESSAGE_CHARS + 100)
                .contains("unsupported Sigstore bundle media type \"application/vnd.dev.sigstore.bundle+json;version=999")
                .containsPattern("9… \\(99[0-9]{5} more characters not shown\\)$");
    }

    @Test
    void unmutatedResponsesVerify() {
        for (String key : PACKAGES) {
            registry.setAttestations(RecordedAttestations.name(key), RecordedAttestations.version(key),
                    RecordedAttestations.response(key));
            PackageResult result = verify(new TestLockfile().add(RecordedAttestations.name(key),
                    RecordedAttestations.version(key), RecordedAttestations.integrity(key)), registry).get(0);
            assertThat(result.status()).as(key).isEqualTo(Status.VERIFIED);
            // no other-attestation row for a response holding none
            assertThat(result.checks()).as(key).extracting(CheckResult::name).containsExactly(CheckResult.INTEGRITY,
                    CheckResult.REGISTRY_SIGNATURE, CheckResult.PROVENANCE, CheckResult.PUBLISH_ATTESTATION);
            // only sigstore@1.0.0's 0.1 bundles, which carry no inclusion proof, say they were checked less
            assertThat(result.checks()).filteredOn(c -> c.name().equals(CheckResult.PROVENANCE)
                            || c.name().equals(CheckResult.PUBLISH_ATTESTATION))
                    .extracting(CheckResult::message).as(key).allMatch(m -> m.endsWith(
                            " (bundle 0.1 without inclusion proof: its signed entry timestamp was checked)")
                            == key.equals("sigstore@1.0.0"));
        }
    }

    private static ObjectNode envelope(JsonNode bundle) {
        return (ObjectNode) bundle.get("dsseEnvelope");
    }

    private static ObjectNode entry(JsonNode bundle) {
        return (ObjectNode) bundle.get("verificationMaterial").get("tlogEntries").get(0);
    }

    private static ObjectNode certificate(JsonNode bundle) {
        JsonNode material = bundle.get("verificationMaterial");
        if (material.has("certificate")) {
            return (ObjectNode) material.get("certificate");
        }
        if (material.has("x509CertificateChain")) {
            return (ObjectNode) material.get("x509CertificateChain").get("certificates").get(0);
        }
        return null;
    }

    /** Flips one bit in the middle of a base64 field's decoded bytes. */
    private static void flip(ObjectNode node, String field) {
        byte[] bytes = Base64.getDecoder().decode(node.get(field).asText());
        bytes[bytes.length / 2] ^= 0x01;
        node.put(field, Base64.getEncoder().encodeToString(bytes));
    }

    private static void append(ObjectNode node, String field, byte[] more) {
        byte[] bytes = Base64.getDecoder().decode(node.get(field).asText());
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + more.length);
        System.arraycopy(more, 0, longer, bytes.length, more.length);
        node.put(field, Base64.getEncoder().encodeToString(longer));
    }

    private static void flipArrayElement(ArrayNode array, int index) {
        byte[] bytes = Base64.getDecoder().decode(array.get(index).asText());
        bytes[0] ^= 0x01;
        array.set(index, MAPPER.getNodeFactory().textNode(Base64.getEncoder().encodeToString(bytes)));
    }

    /** Flips a bit inside the embedded SCT list (extension 1.3.6.1.4.1.11129.2.4.2) of the leaf certificate. */
    private static void flipSct(ObjectNode bundle) {
        ObjectNode certificate = certificate(bundle);
        byte[] der = Base64.getDecoder().decode(certificate.get("rawBytes").asText());
        byte[] oid = {0x06, 0x0A, 0x2B, 0x06, 0x01, 0x04, 0x01, (byte) 0xD6, 0x79, 0x02, 0x04, 0x02};
        int at = indexOf(der, oid);
        assertThat(at).as("the leaf certificate embeds SCTs").isPositive();
        der[at + oid.length + 40] ^= 0x01;
        certificate.put("rawBytes", Base64.getEncoder().encodeToString(der));
    }

    private static void editCheckpoint(ObjectNode bundle) {
        ObjectNode checkpoint = (ObjectNode) entry(bundle).get("inclusionProof").get("checkpoint");
        String[] lines = checkpoint.get("envelope").asText().split("\n", -1);
        // the tree size line
        lines[1] = Long.toString(Long.parseLong(lines[1]) + 1);
        checkpoint.put("envelope", String.join("\n", lines));
    }

    private static void editStatement(ObjectNode bundle, Consumer<ObjectNode> edit) {
        try {
            ObjectNode envelope = envelope(bundle);
            ObjectNode statement = (ObjectNode) MAPPER.readTree(Base64.getDecoder().decode(envelope.get("payload").asText()));
            edit.accept(statement);
            envelope.put("payload", Base64.getEncoder().encodeToString(
                    MAPPER.writeValueAsString(statement).getBytes(StandardCharsets.UTF_8)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
