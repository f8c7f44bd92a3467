package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.Policy;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Code scanning maps a result to a file through its artifact URI: it must be a valid, relative-when-possible URI. */
class SarifLocationTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static Report failingAt(String path) {
        LockedPackage pkg = new LockedPackage("left-pad", "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false, List.of(new Location(path, 7)));
        PackageResult result = PackageResult.of(pkg, List.of(CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL,
                "SIGNATURE_INVALID", "signature does not verify")));
        return Report.of(path, "https://registry.npmjs.org/", List.of(result), FailOn.DEFAULT);
    }

    private static JsonNode artifactLocation(SarifReportWriter writer, String path) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(failingAt(path), out);
        return MAPPER.readTree(out.toByteArray()).path("runs").get(0).path("results").get(0).path("locations").get(0)
                .path("physicalLocation").path("artifactLocation");
    }

    @Test
    void everyRuleHasTheDescriptionsAndHelpCodeScanningShows() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReportWriter("1").write(failingAt("package-lock.json"), out);

        JsonNode rule = MAPPER.readTree(out.toByteArray()).path("runs").get(0).path("tool").path("driver")
                .path("rules").get(0);
        assertThat(rule.path("id").asText()).isEqualTo("SIGNATURE_INVALID");
        assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo("Registry signature does not verify");
        assertThat(rule.path("fullDescription").path("text").asText()).contains("SIGNATURE_INVALID");
        assertThat(rule.path("help").path("text").asText()).startsWith("What the lockfile pins does not match");
    }

    private static PackageResult failing(String name, String check, Outcome outcome, String code,
            Optional<ProvenanceFacts> provenance) {
        LockedPackage pkg = new LockedPackage(name, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false, List.of(new Location("package-lock.json", 7)));
        return PackageResult.of(pkg, List.of(CheckResult.of(check, outcome, code, name + " " + code)), provenance);
    }

    private static JsonNode run(Report report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifReportWriter("1").write(report, out);
        return MAPPER.readTree(out.toByteArray()).path("runs").get(0);
    }

    @Test
    void eachResultNamesItsOwnRuleAndIsAnErrorOnlyWhenInvalid() throws Exception {
        // SARIF 2.1.0 §3.27.6: a result's ruleIndex and ruleId must name one rule; a viewer shows the rule at the
        // index, and code scanning shows the level as the alert's severity
        JsonNode run = run(Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(
                failing("tampered", CheckResult.INTEGRITY, Outcome.FAIL, "INTEGRITY_MISMATCH", Optional.empty()),
                failing("unsigned-a", CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED", Optional.empty()),
                failing("slow", CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_TIMEOUT", Optional.empty()),
                failing("unsigned-b", CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED", Optional.empty())),
                FailOn.DEFAULT));

        JsonNode rules = run.path("tool").path("driver").path("rules");
        assertThat(rules.findValuesAsText("id")).containsExactlyInAnyOrder("INTEGRITY_MISMATCH", "UNSIGNED",
                "REGISTRY_TIMEOUT");
        assertThat(run.path("results")).hasSize(4).allSatisfy(result -> assertThat(
                rules.get(result.path("ruleIndex").asInt()).path("id").asText()).isEqualTo(result.path("ruleId").asText()));
        assertThat(run.path("results")).allSatisfy(result -> assertThat(result.path("level").asText())
                .isEqualTo(result.path("ruleId").asText().equals("INTEGRITY_MISMATCH") ? "error" : "warning"));
    }

    @Test
    void aStatusThatFailsOnlyByFailOnHasHelpSayingSo() throws Exception {
        LockedPackage pkg = new LockedPackage("left-pad", "1.3.0", Optional.empty(),
                Optional.of("https://evil.example/left-pad.tgz"), SourceKind.REMOTE_TARBALL, false, false, false,
                List.of(new Location("package-lock.json", 7)));
        JsonNode run = run(Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(PackageResult.of(pkg,
                List.of(CheckResult.of(CheckResult.SOURCE, Outcome.SKIPPED, "NOT_FROM_REGISTRY",
                        "installed from a remote tarball")))), FailOn.parse("invalid,error,unsigned,skipped")));

        JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("id").asText()).isEqualTo("NOT_FROM_REGISTRY");
        assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo("Package is skipped (NOT_FROM_REGISTRY)");
        assertThat(rule.path("help").path("text").asText())
                .isEqualTo("The package is skipped, which the run's fail-on setting fails.");
        assertThat(run.path("results").get(0).path("level").asText()).isEqualTo("warning");
    }

    @Test
    void aPackageThePolicyFailsHasHelpPointingAtThePolicy() throws Exception {
        LockedPackage pkg = new LockedPackage("left-pad", "1.3.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false, List.of(new Location("package-lock.json", 7)));
        PackageResult signed = PackageResult.of(pkg, List.of(CheckResult.pass(CheckResult.REGISTRY_SIGNATURE, "signed"),
                CheckResult.of(CheckResult.PROVENANCE, Outcome.ABSENT, "NO_PROVENANCE", "no provenance")));
        Policy policy = new PolicyReader().read(".npm-provenance.yml", new StringReader("require-provenance: [left-pad]\n"));

        JsonNode run = run(Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(signed), policy,
                LocalDate.of(2026, 1, 1)));

        JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
        assertThat(rule.path("id").asText()).isEqualTo("POLICY_REQUIRE_PROVENANCE");
        assertThat(rule.path("shortDescription").path("text").asText()).isEqualTo("The policy requires verified provenance");
        assertThat(rule.path("help").path("text").asText()).startsWith("The project's policy (.npm-provenance.yml beside "
                + "the lockfile, or the file given) requires more of this package than it has");
    }

    @Test
    void anInvalidPackageCarriesTheProvenanceThatVerified() throws Exception {
        // its provenance verified, its registry signature did not: where it was built helps whoever reads the alert
        ProvenanceFacts facts = new ProvenanceFacts("https://github.com/nuxt/nuxt",
                "74ef96d096d0045fd00fccd880c1dbbfea51e22a", "refs/tags/v3.13.0", ".github/workflows/release.yml", "",
                "", "https://token.actions.githubusercontent.com", "", 123884383,
                "https://search.sigstore.dev/?logIndex=123884383");
        JsonNode run = run(Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(
                failing("nuxt", CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID", Optional.of(facts)),
                failing("left-pad", CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID", Optional.empty())),
                FailOn.DEFAULT));

        JsonNode nuxt = run.path("results").get(0).path("properties");
        assertThat(nuxt.path("package").asText()).isEqualTo("nuxt");
        assertThat(nuxt.path("provenance").path("sourceRepository").asText()).isEqualTo("https://github.com/nuxt/nuxt");
        assertThat(nuxt.path("provenance").path("commit").asText()).isEqualTo("74ef96d096d0045fd00fccd880c1dbbfea51e22a");
        assertThat(run.path("results").get(1).path("properties").has("provenance")).isFalse();
    }

    @Test
    void unreservedCharactersStayAsTheyAreInTheUri() throws Exception {
        // RFC 3986 §2.3: URIs that percent-encode an unreserved character are to be normalized by decoding it, and
        // producers should not encode them; code scanning matches the uri to the repository's path as written.
        // The first and last of each range, and the characters just outside them, which are encoded
        JsonNode location = artifactLocation(new SarifReportWriter("1"), "AZaz09-._~/`{@[:/package-lock.json");

        assertThat(location.path("uri").asText()).isEqualTo("AZaz09-._~/%60%7B%40%5B%3A/package-lock.json");
    }

    @Test
    void relativePathsBecomePercentEncodedReferencesToTheSourceRoot() throws Exception {
        JsonNode location = artifactLocation(new SarifReportWriter("1"), "my app/100%/#1/package-lock.json");

        assertThat(location.path("uri").asText()).isEqualTo("my%20app/100%25/%231/package-lock.json");
        assertThat(location.path("uriBaseId").asText()).isEqualTo(SarifReportWriter.SOURCE_ROOT);
        assertThat(URI.create(location.path("uri").asText()).getPath()).isEqualTo("my app/100%/#1/package-lock.json");
    }

    @Test
    void aDriveLikeFirstSegmentIsNotReadAsAScheme() throws Exception {
        String uri = artifactLocation(new SarifReportWriter("1"), "C:/x/package-lock.json").path("uri").asText();

        assertThat(URI.create(uri).getScheme()).isNull();
    }

    @Test
    void pathsUnderTheSourceRootAreRelativeAndOthersAreFileUris() throws Exception {
        Path root = Path.of("/home/runner/work/app").toAbsolutePath();
        SarifReportWriter writer = new SarifReportWriter("1", root);

        JsonNode inside = artifactLocation(writer, root.resolve("web/package-lock.json").toString());
        JsonNode outside = artifactLocation(writer, "/opt/other dir/package-lock.json");

        assertThat(inside.path("uri").asText()).isEqualTo("web/package-lock.json");
        assertThat(inside.path("uriBaseId").asText()).isEqualTo(SarifReportWriter.SOURCE_ROOT);
        assertThat(outside.has("uriBaseId")).isFalse();
        assertThat(Path.of(URI.create(outside.path("uri").asText())))
                .isEqualTo(Path.of("/opt/other dir/package-lock.json").toAbsolutePath());
        // under a root nearer the file system's than the working directory, too
        JsonNode outsideShallow = artifactLocation(new SarifReportWriter("1", Path.of("/app").toAbsolutePath()),
                "/opt/other dir/package-lock.json");
        assertThat(Path.of(URI.create(outsideShallow.path("uri").asText())))
                .isEqualTo(Path.of("/opt/other dir/package-lock.json").toAbsolutePath());
    }

    @Test
    void aRelativePathOutsideTheSourceRootIsAFileUri() throws Exception {
        // a relative uri climbing out of %SRCROOT% names no file of the repository
        JsonNode location = artifactLocation(new SarifReportWriter("1"), "../shared/package-lock.json");

        assertThat(location.has("uriBaseId")).isFalse();
        assertThat(Path.of(URI.create(location.path("uri").asText())))
                .isEqualTo(Path.of("../shared/package-lock.json").toAbsolutePath().normalize());
    }

    @Test
    void aMessageSaysHowManyLocationsItLeftOutOnlyWhenItLeftSomeOut() throws Exception {
        List<Location> places = java.util.stream.IntStream.rangeClosed(1, 1_003)
                .mapToObj(i -> new Location("package-lock.json", i)).toList();
        LockedPackage everywhere = new LockedPackage("ms", "2.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false, places);
        JsonNode results = run(Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(
                PackageResult.of(everywhere, List.of(CheckResult.of(CheckResult.INTEGRITY, Outcome.FAIL,
                        "INTEGRITY_MISMATCH", "lockfile integrity differs from the registry's (sha512)"))),
                failing("left-pad", CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID", Optional.empty())),
                FailOn.DEFAULT)).path("results");

        assertThat(results).extracting(result -> result.path("message").path("text").asText()).containsExactly(
                "ms@2.0.0 is INVALID: lockfile integrity differs from the registry's (sha512) (also at 3 more lockfile "
                        + "locations, not listed)",
                "left-pad@1.0.0 is INVALID: left-pad SIGNATURE_INVALID");
    }

    @Test
    void staysWithinCodeScanningsHardLimitsOnResultsAndLocations() throws Exception {
        // one version pinned at 1,001 places, and 25,000 unsigned packages beside it: over either limit, code
        // scanning rejects the whole file
        List<Location> places = java.util.stream.IntStream.rangeClosed(1, 1_001)
                .mapToObj(i -> new Location("package-lock.json", i)).toList();
        LockedPackage everywhere = new LockedPackage("ms", "2.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                Optional.empty(), SourceKind.REGISTRY, false, false, false, places);
        List<PackageResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            LockedPackage unsigned = new LockedPackage("p" + i, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")),
                    Optional.empty(), SourceKind.REGISTRY, false, false, false,
                    List.of(new Location("package-lock.json", 2_000 + i)));
            results.add(PackageResult.of(unsigned, List.of(CheckResult.of(CheckResult.REGISTRY_SIGNATURE,
                    Outcome.ABSENT, "UNSIGNED", "the registry has no signature for this version"))));
        }
        results.add(PackageResult.of(everywhere, List.of(CheckResult.of(CheckResult.INTEGRITY, Outcome.FAIL,
                "INTEGRITY_MISMATCH", "lockfile integrity differs from the registry's (sha512)"))));
        Report report = Report.of("package-lock.json", "https://registry.npmjs.org/", results, FailOn.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new SarifReportWriter("1").write(report, out);

        JsonNode written = MAPPER.readTree(out.toByteArray()).path("runs").get(0).path("results");
        assertThat(written).hasSize(25_000);
        // the most severe comes first and is kept
        assertThat(written.get(0).path("ruleId").asText()).isEqualTo("INTEGRITY_MISMATCH");
        assertThat(written.get(0).path("locations")).hasSize(1_000);
        assertThat(written.get(0).path("message").path("text").asText()).endsWith("(also at 1 more lockfile location, not listed)");
    }
}
