package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.Integrity;
import io.github.npmprovenance.lockfile.LockedPackage;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.lockfile.SourceKind;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.CheckResult;
import io.github.npmprovenance.verify.Outcome;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub code scanning rejects a whole SARIF upload that breaks the schema or one of its ingestion rules: every SARIF
 * report is checked by Microsoft's SARIF Multitool with GitHub's rules (see {@link SarifMultitool}).
 */
class SarifCodeScanningTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path ROOT = Path.of("/home/runner/work/app/app");

    @TempDir
    Path temp;

    @Test
    void theValidatorRejectsWhatCodeScanningRejects() throws Exception {
        // without this, a validator that accepted anything would pass every other test here
        SarifMultitool multitool = SarifMultitool.fromEnvironment();
        JsonNode valid = MAPPER.readTree(Files.readAllBytes(write(hostile(), new SarifReportWriter("1.0.0", ROOT))));
        ObjectNode lineZero = valid.deepCopy();
        ((ObjectNode) lineZero.at("/runs/0/results/0/locations/0/physicalLocation/region")).put("startLine", 0);
        ObjectNode noLocations = valid.deepCopy();
        ((ObjectNode) noLocations.at("/runs/0/results/0")).remove("locations");

        assertThat(multitool.problems(json(lineZero, "line-zero.sarif"), temp))
                .anySatisfy(problem -> assertThat(problem).contains("error JSON1008").contains("startLine"));
        assertThat(multitool.problems(json(noLocations, "no-locations.sarif"), temp)).isNotEmpty()
                .anySatisfy(problem -> assertThat(problem).contains("required by the GitHub Advanced Security service"));
    }

    @Test
    void aReportOfRealPackagesFailingEveryWayIsAccepted() throws Exception {
        SarifMultitool multitool = SarifMultitool.fromEnvironment();
        List<PackageResult> results;
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            TestLockfile lockfile = new TestLockfile().add("nuxt", "3.13.0").add("sigstore", "1.0.0")
                    .add("tuf-js", "1.0.0").addAlias("nuxt2", "nuxt", "2.17.3").add("no-such-package", "1.0.0", "sha512-" + "A".repeat(86) + "==");
            String integrity = lockfile.entry("nuxt").get("integrity").asText();
            lockfile.addAlias("tampered", "nuxt", "3.13.0").entry("tampered")
                    .put("integrity", integrity.replace("Ew3w", "Ew4w"));
            results = Verification.verify(lockfile, registry);
        }
        var policy = new PolicyReader().read(".npm-provenance.yml", new StringReader("""
                require-provenance: [nuxt]
                trusted-sources:
                  - package: sigstore
                    repositories: [https://github.com/someone-else/*]
                allow:
                  - package: tuf-js
                    reason: "[x](https://evil.example) {0}"
                    expires: 2020-01-01
                """));
        Report report = Report.of("web/package-lock.json", "https://registry.npmjs.org/", results, policy,
                LocalDate.of(2026, 11, 27));
        assertThat(report.failing()).extracting(PackageReport::status).contains(Status.INVALID, Status.ERROR);

        Path sarif = write(report.mapPaths(path -> ROOT.resolve(path).toString()), new SarifReportWriter("1.0.0", ROOT));

        assertThat(multitool.problems(sarif, temp)).isEmpty();
    }

    @Test
    void hostileNamesOddPathsAndManyLocationsAreAccepted() throws Exception {
        SarifMultitool multitool = SarifMultitool.fromEnvironment();

        assertThat(multitool.problems(write(hostile(), new SarifReportWriter("1.0.0", ROOT)), temp)).isEmpty();
        assertThat(multitool.problems(write(hostile(), new SarifReportWriter("1.0.0")), temp)).isEmpty();
    }

    @Test
    void aPassingReportIsAccepted() throws Exception {
        SarifMultitool multitool = SarifMultitool.fromEnvironment();

        Path sarif = write(Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(), FailOn.DEFAULT),
                new SarifReportWriter("1.0.0", ROOT));

        assertThat(multitool.problems(sarif, temp)).isEmpty();
    }

    /** Names and messages from a lockfile and a registry, at paths code scanning must map or keep as file URIs. */
    private static Report hostile() {
        String[] names = {"evil|`x`<img src=x onerror=alert(1)>[click](https://evil.example)\n# \u001b[31mred\u0007",
            "{0} {{1}} [a]{b} \\[c\\]", "caf\u00e9-\u202e\u2066\u0085\u2028\ud83d\udce6", "@scope/" + "x".repeat(200)};
        List<Location> many = new ArrayList<>();
        for (int line = 1; line <= SarifReportWriter.MAX_LOCATIONS + 1; line++) {
            many.add(new Location("package-lock.json", line));
        }
        List<PackageResult> results = new ArrayList<>();
        results.add(failing(names[0], List.of(new Location(ROOT.resolve("my app/100%/#1/package-lock.json").toString(),
                12))));
        results.add(failing(names[1], List.of(new Location("/opt/other dir/package-lock.json", 3))));
        results.add(failing(names[2], List.of(new Location("C:\\work\\package-lock.json", 4),
                new Location("sub/../package-lock.json", 5))));
        results.add(failing(names[3], many));
        results.add(PackageResult.of(registryPackage("unsigned-one", List.of(new Location("package-lock.json", 9))),
                List.of(CheckResult.of(CheckResult.REGISTRY_SIGNATURE, Outcome.ABSENT, "UNSIGNED", "no signature"))));
        results.add(PackageResult.of(registryPackage("broken-one", List.of(new Location("package-lock.json", 10))),
                List.of(CheckResult.of(CheckResult.REGISTRY_METADATA, Outcome.ERROR, "REGISTRY_HTTP_STATUS",
                        "HTTP 500 from https://registry.npmjs.org/broken-one \u001b]8;;x\u0007"))));
        return Report.of("package-lock.json", "https://registry.npmjs.org/", results, FailOn.DEFAULT);
    }

    private static PackageResult failing(String name, List<Location> locations) {
        return PackageResult.of(registryPackage(name, locations), List.of(CheckResult.of(
                CheckResult.REGISTRY_SIGNATURE, Outcome.FAIL, "SIGNATURE_INVALID", "signature of " + name + " fails")));
    }

    private static LockedPackage registryPackage(String name, List<Location> locations) {
        return new LockedPackage(name, "1.0.0", Optional.of(Integrity.parse("sha512-AAAA")), Optional.empty(),
                SourceKind.REGISTRY, false, false, false, locations);
    }

    private Path write(Report report, SarifReportWriter writer) throws Exception {
        Path file = Files.createTempFile(temp, "report", ".sarif");
        try (OutputStream out = Files.newOutputStream(file)) {
            writer.write(report, out);
        }
        return file;
    }

    private Path json(JsonNode node, String name) throws Exception {
        Path file = temp.resolve(name);
        MAPPER.writeValue(file.toFile(), node);
        return file;
    }
}
