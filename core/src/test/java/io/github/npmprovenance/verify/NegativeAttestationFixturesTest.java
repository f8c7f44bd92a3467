package io.github.npmprovenance.verify;

import static io.github.npmprovenance.testing.Verification.result;
import static io.github.npmprovenance.testing.Verification.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.Fixtures;
import io.github.npmprovenance.testing.RecordedAttestations;
import io.github.npmprovenance.testing.TestLockfile;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tampered attestation responses that npm/pacote and slsa-verifier ship with their tests, served by the
 * registry in place of the real one: every one makes its package INVALID, naming the attestation and the cause.
 */
class NegativeAttestationFixturesTest {
    private final FixtureRegistry registry = FixtureRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    @org.junit.jupiter.api.Test
    void anAttestationsResponseThatIsNotJsonIsAnErrorNeverAPass() {
        // npm/cli's bad-bundle.json: a control character inside a string
        registry.putRaw("-/npm/v1/attestations/sigstore@1.0.0", Fixtures.bytes("negative/libnpmpublish/bad-bundle.json"));

        PackageResult result = verify(new TestLockfile().add("sigstore", "1.0.0"), registry).get(0);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(result.reason()).contains("attestations response of sigstore@1.0.0 is not valid JSON");
    }

    @org.junit.jupiter.api.Test
    void provenanceOfAnotherTypeThanTheRegistryListsIsInvalid() {
        // the version document lists SLSA v0.2 provenance; the response holds nuxt@3.13.0's real, valid v1 one
        ((ObjectNode) registry.version("nuxt", "3.13.0").path("dist").path("attestations").path("provenance"))
                .put("predicateType", "https://slsa.dev/provenance/v0.2");

        List<PackageResult> results = verify(new TestLockfile().add("nuxt", "3.13.0").add("tuf-js", "1.0.0"),
                registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("PREDICATE_TYPE_MISMATCH");
        assertThat(nuxt.reason()).isEqualTo("the registry lists https://slsa.dev/provenance/v0.2 provenance, but the "
                + "attestation is https://slsa.dev/provenance/v1");
        assertThat(nuxt.provenance()).isEmpty();
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @org.junit.jupiter.api.Test
    void aPublishAttestationWithoutProvenanceIsSignedNotAnError() {
        // the registry lists attestations but no provenance, and serves the real publish attestation alone
        ((ObjectNode) registry.version("nuxt", "3.13.0").path("dist").path("attestations")).remove("provenance");
        ObjectNode response = registry.attestations("nuxt", "3.13.0").deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) response.path("attestations"))
                .removeIf(a -> !a.path("predicateType").asText().startsWith("https://github.com/npm/attestation/"));
        assertThat(response.path("attestations")).hasSize(1);
        registry.setAttestations("nuxt", "3.13.0", response);

        PackageResult nuxt = verify(new TestLockfile().add("nuxt", "3.13.0"), registry).get(0);

        assertThat(nuxt.status()).isEqualTo(Status.SIGNED);
        assertThat(nuxt.checks()).extracting(CheckResult::name, CheckResult::outcome, CheckResult::code).contains(
                org.assertj.core.groups.Tuple.tuple(CheckResult.PROVENANCE, Outcome.ABSENT, "NO_PROVENANCE"),
                org.assertj.core.groups.Tuple.tuple(CheckResult.PUBLISH_ATTESTATION, Outcome.PASS, ""));
    }

    @Test
    void anAttestationsResponseListingMoreThanAnyRegistryPublishesIsAnErrorNotSecondsOfChecking() {
        // hundreds of copies of nuxt's real provenance took seconds of CPU for one package, every one checked
        com.fasterxml.jackson.databind.node.ObjectNode response = registry.attestations("nuxt", "3.13.0").deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode listed =
                (com.fasterxml.jackson.databind.node.ArrayNode) response.path("attestations");
        JsonNode provenance = listed.get(0);
        while (listed.size() <= AttestationChecks.MAX_ATTESTATIONS) {
            listed.add(provenance.deepCopy());
        }
        registry.setAttestations("nuxt", "3.13.0", response);

        PackageResult nuxt = verify(new TestLockfile().add("nuxt", "3.13.0"), registry).get(0);

        assertThat(nuxt.status()).isEqualTo(Status.ERROR);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(nuxt.reason()).contains("lists " + (AttestationChecks.MAX_ATTESTATIONS + 1) + " attestations");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"null", "5", "\"bundle\"", "[]"})
    void anAttestationThatIsNoObjectIsAMalformedResponseNotAFailedAttestation(String element) throws Exception {
        // before: INVALID BUNDLE_MEDIA_TYPE_UNSUPPORTED "attestation of type  does not verify", for the registry's
        // nonsense, beside nuxt's real attestations
        com.fasterxml.jackson.databind.node.ObjectNode response = registry.attestations("nuxt", "3.13.0").deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) response.path("attestations"))
                .add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(element));
        registry.setAttestations("nuxt", "3.13.0", response);

        List<PackageResult> results = verify(new TestLockfile().add("nuxt", "3.13.0").add("tuf-js", "1.0.0"),
                registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.ERROR);
        assertThat(nuxt.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(nuxt.reason()).contains("lists " + (element.equals("5") ? "number" : element.equals("[]")
                ? "array" : element.equals("null") ? "null" : "string") + " as an attestation");
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @org.junit.jupiter.api.Test
    void anAttestationsResponseWithMoreAfterItsJsonIsAnErrorAsJsonParseHasItForNpm() {
        // the real response followed by a second value: npm's JSON.parse refuses it
        byte[] attestations = (registry.attestations("sigstore", "1.0.0").toString() + "\n{\"attestations\": []}")
                .getBytes(StandardCharsets.UTF_8);
        registry.putRaw("-/npm/v1/attestations/sigstore@1.0.0", attestations);

        List<PackageResult> results = verify(new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0"),
                registry);

        PackageResult sigstore = result(results, "sigstore@1.0.0");
        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(sigstore.reason()).contains("attestations response of sigstore@1.0.0 is not valid JSON");
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @org.junit.jupiter.api.Test
    void anAttestationsResponseFarLargerThanAnyRegistryServesIsRefusedBeforeItTakesTheHeap() {
        // valid JSON, the real response with 33 MiB of padding in it: read whole, it would take the heap that every
        // package in flight shares; the keys document is bounded the same way (at 1 MiB)
        ObjectNode response = registry.attestations("sigstore", "1.0.0").deepCopy();
        response.put("padding", "A".repeat(33 * 1024 * 1024));
        byte[] padded = response.toString().getBytes(StandardCharsets.UTF_8);
        registry.putRaw("-/npm/v1/attestations/sigstore@1.0.0", padded);

        List<PackageResult> results = verify(new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0"),
                registry);

        PackageResult sigstore = result(results, "sigstore@1.0.0");
        assertThat(sigstore.status()).isEqualTo(Status.ERROR);
        assertThat(sigstore.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(sigstore.reason()).contains("the attestations response of sigstore@1.0.0 exceeds 32 MiB");
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @org.junit.jupiter.api.Test
    void aSmallAttestationsResponseRefusedForItsNestingIsNotCalledTooLarge() {
        // 2 KB, nested deeper than Jackson reads: refused, but not for a size it does not have
        String nested = "[".repeat(1000) + "]".repeat(1000);
        registry.putRaw("-/npm/v1/attestations/sigstore@1.0.0",
                ("{\"attestations\": [], \"x\": " + nested + "}").getBytes(StandardCharsets.UTF_8));

        PackageResult result = verify(new TestLockfile().add("sigstore", "1.0.0"), registry).get(0);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.decisiveCheck().orElseThrow().code()).isEqualTo("REGISTRY_MALFORMED_RESPONSE");
        assertThat(result.reason()).contains("the attestations response of sigstore@1.0.0")
                .contains("nesting depth").doesNotContain("MiB").doesNotContain("StreamReadConstraints");
    }

    // Edited payloads are caught first by the log-entry binding (the log recorded the original payload's digest);
    // the DSSE signature would reject them next.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file,                                                                     package key,                               failing check,        code
        "pacote/sigstore@0.4.0.invalid-attestations.json,                            sigstore@0.4.0,                            publish-attestation,  BUNDLE_MALFORMED",
        "pacote/sigstore@0.4.0.malformed-subject-attestations.json,                  sigstore@0.4.0,                            publish-attestation,  TLOG_BODY_MISMATCH",
        "pacote/sigstore@0.4.0.mismatched-keyid-attestations.json,                   sigstore@0.4.0,                            provenance,           DSSE_KEYID_UNKNOWN",
        "pacote/sigstore@0.4.0.mismatched-subject-digest-attestations.json,          sigstore@0.4.0,                            publish-attestation,  TLOG_BODY_MISMATCH",
        "pacote/sigstore@0.4.0.mismatched-subject-name-attestations.json,            sigstore@0.4.0,                            publish-attestation,  TLOG_BODY_MISMATCH",
        "pacote/sigstore@0.4.0.no-keyid-attestations.json,                           sigstore@0.4.0,                            provenance,           TLOG_BODY_MISMATCH",
        "pacote/sigstore@0.4.0.unsupported-attestations.json,                        sigstore@0.4.0,                            publish-attestation,  PAYLOAD_TYPE_UNSUPPORTED",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-mismatch-prov-payloadtype.json,    @laurentsimon%2fprovenance-npm-test@1.0.0, provenance, PAYLOAD_TYPE_UNSUPPORTED",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-mismatch-prov-predicatetype.json,  @laurentsimon%2fprovenance-npm-test@1.0.0, provenance, PROVENANCE_MISSING",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-mismatch-pub-payloadtype.json,     @laurentsimon%2fprovenance-npm-test@1.0.0, provenance, PAYLOAD_TYPE_UNSUPPORTED",
        // the publish attestation's wrapper names another type (publis/v0.1): checked as that type, it fails, and
        // the version has no publish attestation left
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-mismatch-pub-predicatetype.json,   @laurentsimon%2fprovenance-npm-test@1.0.0, publish-attestation, PUBLISH_ATTESTATION_MISSING",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-prov-invalid-signature.json,       @laurentsimon%2fprovenance-npm-test@1.0.0, provenance, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-publish-invalid-signature.json,    @laurentsimon%2fprovenance-npm-test@1.0.0, publish-attestation, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-publish-nodigest.json,             @laurentsimon%2fprovenance-npm-test@1.0.0, publish-attestation, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-att-publish-nosubjects.json,           @laurentsimon%2fprovenance-npm-test@1.0.0, publish-attestation, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-stmt-mismatch-prov-predicatetype.json, @laurentsimon%2fprovenance-npm-test@1.0.0, provenance, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-stmt-mismatch-prov-type.json,          @laurentsimon%2fprovenance-npm-test@1.0.0, provenance, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-stmt-mismatch-pub-predicatetype.json,  @laurentsimon%2fprovenance-npm-test@1.0.0, publish-attestation, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.0.npm-stmt-mismatch-pub-type.json,           @laurentsimon%2fprovenance-npm-test@1.0.0, publish-attestation, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.3.invalidsigprov.json,                       @laurentsimon%2fprovenance-npm-test@1.0.3, provenance, TLOG_BODY_MISMATCH",
        "slsa-verifier/@laurentsimon%2fprovenance-npm-test@1.0.3.invalidsigpub.json,                        @laurentsimon%2fprovenance-npm-test@1.0.3, publish-attestation, TLOG_BODY_MISMATCH",
        "slsa-verifier/sigstore@2.3.1.invalidsigprov.json,                                                  sigstore@2.3.1, provenance, TLOG_BODY_MISMATCH",
        "slsa-verifier/sigstore@2.3.1.invalidsigpub.json,                                                   sigstore@2.3.1, publish-attestation, TLOG_BODY_MISMATCH",
    })
    void tamperedResponseIsInvalidWithTheCause(String file, String key, String check, String code) {
        String name = RecordedAttestations.name(key);
        String version = RecordedAttestations.version(key);
        registry.setAttestations(name, version, Fixtures.json("negative/" + file));
        registry.ensureVersion(name, version, RecordedAttestations.integrity(key),
                RecordedAttestations.response(key));

        List<PackageResult> results = verify(new TestLockfile().add(name, version, RecordedAttestations.integrity(key)),
                registry);

        PackageResult result = results.get(0);
        CheckResult failed = result.checks().stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow();
        assertThat(result.status()).isEqualTo(Status.INVALID);
        assertThat(failed.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(failed.code()).isEqualTo(code);
        assertThat(result.reason()).isEqualTo(failed.message());
    }

    @Test
    void attestationsGivenAsAnObjectAreNoListOfAttestations() {
        // {"attestations": {"k0": …, "k1": …}}: its values were verified as if they were the list, where npm throws
        ObjectNode response = RecordedAttestations.response("sigstore@1.0.0").deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode list = (com.fasterxml.jackson.databind.node.ArrayNode)
                response.remove("attestations");
        ObjectNode keyed = response.putObject("attestations");
        for (int i = 0; i < list.size(); i++) {
            keyed.set("k" + i, list.get(i));
        }
        registry.setAttestations("sigstore", "1.0.0", response);

        PackageResult result = verify(new TestLockfile().add("sigstore", "1.0.0",
                RecordedAttestations.integrity("sigstore@1.0.0")), registry).get(0);

        assertThat(result.status()).isEqualTo(Status.ERROR);
        assertThat(result.decisiveCheck().orElseThrow()).extracting(CheckResult::name, CheckResult::code)
                .containsExactly(CheckResult.PROVENANCE, "REGISTRY_MALFORMED_RESPONSE");
    }

    @Test
    void aPublishAttestationUnderAnotherTypesNameFailsAsThatType() {
        String key = "@laurentsimon%2fprovenance-npm-test@1.0.0";
        String name = RecordedAttestations.name(key);
        String version = RecordedAttestations.version(key);
        registry.setAttestations(name, version, Fixtures.json(
                "negative/slsa-verifier/" + key + ".npm-att-mismatch-pub-predicatetype.json"));
        registry.ensureVersion(name, version, RecordedAttestations.integrity(key), RecordedAttestations.response(key));

        PackageResult result = verify(new TestLockfile().add(name, version, RecordedAttestations.integrity(key)),
                registry).get(0);

        assertThat(result.checks()).filteredOn(c -> c.name().equals(CheckResult.OTHER_ATTESTATION)).singleElement()
                .extracting(CheckResult::outcome, CheckResult::code)
                .containsExactly(Outcome.FAIL, "PREDICATE_TYPE_MISMATCH");
    }
}
