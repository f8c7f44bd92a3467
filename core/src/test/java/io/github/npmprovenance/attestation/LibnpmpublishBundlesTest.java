package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * npm/cli's publish-time provenance bundles: made before the log entry existed, so none of them, not even the
 * "valid" one, may pass a verifier that requires a transparency log entry.
 */
class LibnpmpublishBundlesTest {
    private static final ExpectedSubject SUBJECT = new ExpectedSubject("@npmcli/libnpmpublish-test", "1.0.0",
            "0".repeat(128));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "valid-bundle.json,                      TLOG_ENTRY_MISSING",
        "invalid-signature-bundle.json,          TLOG_ENTRY_MISSING",
        "bad-dsse-payload-bundle.json,           TLOG_ENTRY_MISSING",
        "digest-mismatch-provenance-bundle.json, TLOG_ENTRY_MISSING",
        "multi-subject-provenance-bundle.json,   TLOG_ENTRY_MISSING",
        "no-provenance-subject-bundle.json,      TLOG_ENTRY_MISSING",
        "no-provenance-envelope-bundle.json,     BUNDLE_MALFORMED"
    })
    void rejected(String file, String code) {
        assertThatThrownBy(() -> SigstoreBundleVerifierTest.VERIFIER.verify(
                Fixtures.json("negative/libnpmpublish/" + file), PredicateTypes.SLSA_V02, SUBJECT))
                .isInstanceOf(AttestationException.class)
                .extracting(e -> ((AttestationException) e).code()).isEqualTo(code);
    }
}
