package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.verify.Status;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        JsonNode valid = MAPPER.readTree(Files.readAllBytes(write(SampleReports.hostile(ROOT, 3),
                new SarifReportWriter("1.0.0", ROOT))));
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
        Report report = SampleReports.realPackagesFailingEveryWay();
        assertThat(report.failing()).extracting(PackageReport::status).contains(Status.INVALID, Status.ERROR);

        Path sarif = write(report.mapPaths(path -> ROOT.resolve(path).toString()), new SarifReportWriter("1.0.0", ROOT));

        assertThat(multitool.problems(sarif, temp)).isEmpty();
    }

    @Test
    void hostileNamesOddPathsAndManyLocationsAreAccepted() throws Exception {
        SarifMultitool multitool = SarifMultitool.fromEnvironment();
        Report report = SampleReports.hostile(ROOT, SarifReportWriter.MAX_LOCATIONS + 1);

        assertThat(multitool.problems(write(report, new SarifReportWriter("1.0.0", ROOT)), temp)).isEmpty();
        assertThat(multitool.problems(write(report, new SarifReportWriter("1.0.0")), temp)).isEmpty();
    }

    @Test
    void aPassingReportIsAccepted() throws Exception {
        SarifMultitool multitool = SarifMultitool.fromEnvironment();

        Path sarif = write(Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(), FailOn.DEFAULT),
                new SarifReportWriter("1.0.0", ROOT));

        assertThat(multitool.problems(sarif, temp)).isEmpty();
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
