package io.github.npmprovenance.registry;

import static io.github.npmprovenance.testing.Verification.result;
import static io.github.npmprovenance.testing.Verification.verify;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.FixtureRegistry;
import java.io.ByteArrayInputStream;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real nuxt packument, as recorded, read for the versions a lockfile pins. */
class PackumentReaderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final FixtureRegistry registry = FixtureRegistry.start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private Map<String, VersionMetadata> read(Set<String> versions) throws Exception {
        byte[] body = MAPPER.writeValueAsBytes(registry.packument("nuxt"));
        return PackumentReader.read(new ByteArrayInputStream(body), "nuxt", versions);
    }

    /** nuxt 3.13.0 as a version published before integrity, signatures and provenance: a sha1 hex shasum only. */
    private String onlyAShasum() {
        ObjectNode dist = (ObjectNode) registry.version("nuxt", "3.13.0").path("dist");
        dist.remove(List.of("integrity", "signatures", "attestations"));
        return "sha1-" + java.util.Base64.getEncoder()
                .encodeToString(java.util.HexFormat.of().parseHex(dist.path("shasum").asText()));
    }

    private static List<String> codes(PackageResult result) {
        return result.checks().stream().map(c -> c.name() + ":" + c.outcome() + ":" + c.code()).toList();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "attestations: {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"false", "0", "\"\"", "null"})
    void attestationsNpmTakesForFalseListNone(String listing) throws Exception {
        ((ObjectNode) registry.version("tuf-js", "1.0.0").path("dist")).set("attestations", MAPPER.readTree(listing));

        PackageResult tufJs = verify(new TestLockfile().add("tuf-js", "1.0.0"), registry).get(0);

        // npm asks for attestations only if (dist.attestations); before: fetched, and ERROR where none were there
        assertThat(codes(tufJs)).containsExactly("integrity:PASS:", "registry-signature:PASS:",
                "provenance:ABSENT:NO_PROVENANCE");
        assertThat(tufJs.status()).isEqualTo(Status.SIGNED);
        assertThat(registry.requestCount("-/npm/v1/attestations/tuf-js@1.0.0")).isZero();
    }

    @Test
    void aVersionWithOnlyAShasumIsBoundToTheSha1TheLockfilePins() {
        String sha1 = onlyAShasum();

        List<PackageResult> results = verify(new TestLockfile().add("nuxt", "3.13.0", sha1).add("tuf-js", "1.0.0"),
                registry);

        // the tarball npm would accept is the one the registry names: unsigned, as it was published, not an error
        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.UNSIGNED);
        assertThat(codes(nuxt)).containsExactly("integrity:PASS:", "registry-signature:ABSENT:UNSIGNED",
                "provenance:ABSENT:NO_PROVENANCE");
        assertThat(nuxt.checks().get(0).message()).contains("(sha1)");
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aVersionWithOnlyAShasumIsInvalidForAnotherSha1() {
        onlyAShasum();

        // the sha1 of another tarball (sigstore 1.0.0's)
        List<PackageResult> results = verify(new TestLockfile()
                .add("nuxt", "3.13.0", "sha1-PHqLus+Z0Pl4J2vSm9lJEQBrcsc=").add("tuf-js", "1.0.0"), registry);

        PackageResult nuxt = result(results, "nuxt@3.13.0");
        assertThat(nuxt.status()).isEqualTo(Status.INVALID);
        assertThat(nuxt.reason()).isEqualTo("lockfile integrity differs from the registry's (sha1)");
        assertThat(codes(nuxt)).contains("integrity:FAIL:INTEGRITY_MISMATCH");
        assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    @Test
    void aShasumThatIsNotFortyHexDigitsIsNoIntegrity() {
        String sha1 = onlyAShasum();
        ObjectNode dist = (ObjectNode) registry.version("nuxt", "3.13.0").path("dist");
        // one digit short, then one that is not hex: neither is a sha1 npm could check a download against
        for (String shasum : List.of(dist.path("shasum").asText().substring(1),
                "g" + dist.path("shasum").asText().substring(1))) {
            dist.put("shasum", shasum);

            List<PackageResult> results = verify(new TestLockfile().add("nuxt", "3.13.0", sha1)
                    .add("tuf-js", "1.0.0"), registry);

            PackageResult nuxt = result(results, "nuxt@3.13.0");
            assertThat(nuxt.status()).as(shasum).isEqualTo(Status.ERROR);
            assertThat(codes(nuxt)).as(shasum).contains("integrity:ERROR:REGISTRY_INTEGRITY_MISSING");
            assertThat(result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
        }
    }

    @Test
    void aVersionsLargeUnusedFieldsAreSkippedNotParsed() throws Exception {
        // longer than the longest string Jackson agrees to decode (20 million characters): only dist is decoded
        registry.version("nuxt", "3.13.0").put("readme", "x".repeat(21_000_000));
        String integrity = registry.version("nuxt", "3.13.0").path("dist").path("integrity").asText();

        VersionMetadata nuxt = read(Set.of("3.13.0")).get("3.13.0");

        assertThat(nuxt.integrity()).contains(integrity);
        assertThat(nuxt.signatures()).hasSize(1);
        assertThat(nuxt.publishTime()).isPresent();
    }

    @Test
    void aRepeatedVersionsObjectCountsAsItsLastOccurrence() throws Exception {
        String json = MAPPER.writeValueAsString(registry.packument("nuxt"));
        // npm's JSON.parse keeps the last "versions", which has no 3.13.0
        String repeated = json.substring(0, json.length() - 1) + ",\"versions\":{}}";

        assertThat(PackumentReader.read(new ByteArrayInputStream(repeated.getBytes()), "nuxt", Set.of("3.13.0")))
                .doesNotContainKey("3.13.0");
    }

    @Test
    void aRepeatedTimeObjectCountsAsItsLastOccurrence() throws Exception {
        String json = MAPPER.writeValueAsString(registry.packument("nuxt"));
        // npm's JSON.parse keeps the last "time", which has no 3.13.0: its publish time, which a key's expiry is
        // checked against, is then unknown, not the one the first "time" claims
        String repeated = json.substring(0, json.length() - 1) + ",\"time\":{\"4.1.2\":\"2025-09-15T00:00:00.000Z\"}}";

        Map<String, VersionMetadata> read = PackumentReader.read(new ByteArrayInputStream(repeated.getBytes()), "nuxt",
                Set.of("3.13.0", "4.1.2"));

        assertThat(read.get("3.13.0").publishTime()).isEmpty();
        assertThat(read.get("4.1.2").publishTime()).contains(java.time.Instant.parse("2025-09-15T00:00:00Z"));
    }

    @Test
    void aRepeatedDistCountsAsItsLastOccurrence() throws Exception {
        ObjectNode version = registry.version("nuxt", "3.13.0");
        String json = MAPPER.writeValueAsString(registry.packument("nuxt"));
        String dist = MAPPER.writeValueAsString(version.path("dist"));
        // a decoy dist written before the real one, as a JSON object with a repeated key
        String decoy = "\"dist\":{\"integrity\":\"sha512-decoy\"},";
        int at = json.indexOf("\"dist\":" + dist);
        String repeated = json.substring(0, at) + decoy + json.substring(at);

        VersionMetadata nuxt = PackumentReader.read(new ByteArrayInputStream(repeated.getBytes()), "nuxt",
                Set.of("3.13.0")).get("3.13.0");

        assertThat(nuxt.integrity()).contains(version.path("dist").path("integrity").asText());
    }
}
