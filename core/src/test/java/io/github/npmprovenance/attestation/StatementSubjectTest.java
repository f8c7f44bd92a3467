package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.RecordedAttestations;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-toto statement check on the real signed statements, edited. npm (pacote) compares the subject with
 * {@code !==}: the name must be exactly npm's purl ({@code npa.toPurl}, scope as {@code %40}) and the sha512
 * exactly the lower-case hex ssri gives. A statement naming the package any other way is one npm rejects
 * (EATTESTATIONSUBJECT), so it must not verify here either. The edits are made after the signature, so only
 * the statement check is exercised: it is the one that must refuse them.
 */
class StatementSubjectTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SCOPED = "@laurentsimon%2fprovenance-npm-test@1.0.3";

    private static byte[] edited(String key, Consumer<ObjectNode> subject) {
        JsonNode attestation = SigstoreBundleVerifierTest.attestation(key, PredicateTypes.SLSA_V02);
        ObjectNode statement = (ObjectNode) RecordedAttestations.statement(attestation.path("bundle"));
        subject.accept((ObjectNode) statement.get("subject").get(0));
        try {
            return MAPPER.writeValueAsString(statement).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] editedStatement(Consumer<ObjectNode> edit) {
        JsonNode attestation = SigstoreBundleVerifierTest.attestation(SCOPED, PredicateTypes.SLSA_V02);
        ObjectNode statement = (ObjectNode) RecordedAttestations.statement(attestation.path("bundle"));
        edit.accept(statement);
        return statement.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void rejected(byte[] statement, String code) {
        assertThatThrownBy(() -> SigstoreBundleVerifier.checkStatement(statement, PredicateTypes.SLSA_V02,
                RecordedAttestations.expected(SCOPED)))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo(code);
    }

    @Test
    void aPayloadThatIsNoJsonIsMalformed() {
        byte[] statement = editedStatement(s -> { });
        rejected(java.util.Arrays.copyOf(statement, statement.length - 1), "STATEMENT_MALFORMED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTF-8 with a byte order mark", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"})
    void aStatementThatNpmsJsonParseRefusesIsMalformed(String encoding) {
        // npm parses the payload's bytes as UTF-8 text with JSON.parse; Jackson detected these from the bytes
        String json = new String(editedStatement(s -> { }), StandardCharsets.UTF_8);
        byte[] payload = encoding.startsWith("UTF-8") ? ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8)
                : json.getBytes(java.nio.charset.Charset.forName(encoding));
        assertThatCode(() -> SigstoreBundleVerifier.checkStatement(json.getBytes(StandardCharsets.UTF_8),
                PredicateTypes.SLSA_V02, RecordedAttestations.expected(SCOPED))).doesNotThrowAnyException();

        rejected(payload, "STATEMENT_MALFORMED");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"https://in-toto.io/Statement/v2", "", "https://in-toto.io/Statement/v0.1 "})
    void aStatementOfAnotherTypeIsRefused(String type) {
        rejected(editedStatement(s -> s.put("_type", type)), "STATEMENT_TYPE_UNSUPPORTED");
    }

    @Test
    void aStatementThatIsNoObjectIsRefused() {
        rejected("[]".getBytes(StandardCharsets.UTF_8), "STATEMENT_TYPE_UNSUPPORTED");
        rejected("null".getBytes(StandardCharsets.UTF_8), "STATEMENT_TYPE_UNSUPPORTED");
    }

    @Test
    void aStatementAboutTwoArtifactsOrNoneIsRefused() {
        // npm checks only the first subject: a second one would be signed, unchecked, for something else
        rejected(editedStatement(s -> ((com.fasterxml.jackson.databind.node.ArrayNode) s.get("subject"))
                .add(s.get("subject").get(0).deepCopy())), "SUBJECT_COUNT");
        rejected(editedStatement(s -> s.putArray("subject")), "SUBJECT_COUNT");
        rejected(editedStatement(s -> s.set("subject", s.get("subject").get(0))), "SUBJECT_COUNT");
    }

    @Test
    void aSubjectWithoutASha512DigestIsRefused() {
        rejected(edited(SCOPED, s -> {
            ObjectNode digest = (ObjectNode) s.get("digest");
            digest.put("sha256", "0".repeat(64));
            digest.remove("sha512");
        }), "SUBJECT_DIGEST_MISSING");
        // a digest that is no string, such as the real one in an array
        rejected(edited(SCOPED, s -> {
            ObjectNode digest = (ObjectNode) s.get("digest");
            digest.putArray("sha512").add(digest.get("sha512").asText());
        }), "SUBJECT_DIGEST_MISSING");
    }

    @Test
    void theRealScopedStatementPasses() {
        assertThatCode(() -> SigstoreBundleVerifier.checkStatement(edited(SCOPED, s -> { }), PredicateTypes.SLSA_V02,
                RecordedAttestations.expected(SCOPED))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // npm's purl is pkg:npm/%40laurentsimon/provenance-npm-test@1.0.3
        "pkg:npm/@laurentsimon/provenance-npm-test@1.0.3",
        "pkg:npm/%40laurentsimon%2Fprovenance-npm-test@1.0.3",
        "pkg:npm/%40laurentsimon/provenance-npm-test%401.0.3",
        "pkg:npm/%40laurentsimon/provenance%2Dnpm%2Dtest@1.0.3",
    })
    void aSubjectNamedOtherwiseThanNpmsPurlIsRejected(String name) {
        byte[] statement = edited(SCOPED, s -> s.put("name", name));

        assertThatThrownBy(() -> SigstoreBundleVerifier.checkStatement(statement, PredicateTypes.SLSA_V02,
                RecordedAttestations.expected(SCOPED)))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("SUBJECT_NAME_MISMATCH");
    }

    @Test
    void aStatementFollowedByMoreJsonIsMalformed() {
        // npm reads the payload with JSON.parse, which refuses anything after the value; a reader that stops at the
        // first value would check one statement while npm refuses the payload
        byte[] real = edited(SCOPED, s -> { });
        byte[] followed = (new String(real, StandardCharsets.UTF_8) + " {\"subject\": []}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> SigstoreBundleVerifier.checkStatement(followed, PredicateTypes.SLSA_V02,
                RecordedAttestations.expected(SCOPED)))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("STATEMENT_MALFORMED");
    }

    @Test
    void anUpperCaseDigestIsRejected() {
        // ssri's hexDigest() is lower case, and npm compares it with !==
        byte[] statement = edited(SCOPED, s -> {
            ObjectNode digest = (ObjectNode) s.get("digest");
            digest.put("sha512", digest.get("sha512").asText().toUpperCase(java.util.Locale.ROOT));
        });

        assertThatThrownBy(() -> SigstoreBundleVerifier.checkStatement(statement, PredicateTypes.SLSA_V02,
                RecordedAttestations.expected(SCOPED)))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo("SUBJECT_DIGEST_MISMATCH");
    }
}
