package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.npmprovenance.policy.FailOn;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scripts read the JSON report by its published schema (report-v1.schema.json): every report must conform. */
class JsonReportSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private static JsonSchema load() {
        try (InputStream in = JsonReportWriter.class.getResourceAsStream("report-v1.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode json(Report report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonReportWriter().write(report, out);
        return MAPPER.readTree(out.toByteArray());
    }

    private static Set<ValidationMessage> violations(JsonNode report) {
        return SCHEMA.validate(report);
    }

    @Test
    void aReportOfRealPackagesFailingEveryWayConforms() throws Exception {
        JsonNode report = json(SampleReports.realPackagesFailingEveryWay());

        assertThat(report.path("packages").findValuesAsText("status"))
                .contains("VERIFIED", "SIGNED", "INVALID", "ERROR");
        assertThat(report.path("packages").findValuesAsText("rule")).contains("require-provenance", "trusted-sources");
        assertThat(violations(report)).isEmpty();
    }

    @Test
    void hostileTextAPassingRunAndAChangedSinceRunConform() throws Exception {
        Report empty = Report.of("package-lock.json", "https://registry.npmjs.org/", List.of(), FailOn.parse("none"));

        assertThat(violations(json(SampleReports.hostile(Path.of("/work"), 3)))).isEmpty();
        assertThat(violations(json(empty))).isEmpty();
        assertThat(violations(json(empty.withChangedSince("origin/main", 312)))).isEmpty();
    }

    @Test
    void aReportOfAnotherShapeDoesNot() throws Exception {
        // without this, a schema that allowed anything would pass the tests above
        ObjectNode valid = (ObjectNode) json(SampleReports.realPackagesFailingEveryWay());
        ObjectNode unknownStatus = valid.deepCopy();
        ((ObjectNode) unknownStatus.path("packages").get(0)).put("status", "OK");
        ObjectNode undocumented = valid.deepCopy();
        ((ObjectNode) undocumented.path("packages").get(0).path("checks").get(0)).put("severity", "high");
        ObjectNode otherVersion = valid.deepCopy().put("schemaVersion", 2);
        ObjectNode lineZero = valid.deepCopy();
        ((ObjectNode) lineZero.path("packages").get(0).path("locations").get(0)).put("line", 0);

        assertThat(violations(unknownStatus)).singleElement().asString().contains("status");
        assertThat(violations(undocumented)).singleElement().asString().contains("severity");
        assertThat(violations(otherVersion)).singleElement().asString().contains("schemaVersion");
        assertThat(violations(lineZero)).singleElement().asString().contains("line");
    }
}
