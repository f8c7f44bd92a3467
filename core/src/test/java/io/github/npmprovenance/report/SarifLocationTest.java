package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Path;
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
