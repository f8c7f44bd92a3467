package io.github.npmprovenance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.verify.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** SARIF 2.1.0: one result per failing package, located at its lockfile entry; one rule per failure code. */
public final class SarifReportWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final String toolVersion;

    public SarifReportWriter(String toolVersion) {
        this.toolVersion = toolVersion;
    }

    public void write(Report report, OutputStream out) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "npm-provenance");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/npm-provenance-verifier/npm-provenance-verifier");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        ArrayNode results = run.putArray("results");
        for (PackageReport p : report.failing()) {
            String ruleId = p.failureCode();
            int index = ruleIndex.computeIfAbsent(ruleId, id -> {
                ObjectNode rule = rules.addObject();
                rule.put("id", id);
                rule.putObject("shortDescription").put("text", describe(id, p.status()));
                return ruleIndex.size();
            });
            ObjectNode result = results.addObject();
            result.put("ruleId", ruleId);
            result.put("ruleIndex", index);
            result.put("level", p.status() == Status.INVALID ? "error" : "warning");
            result.putObject("message").put("text",
                    Escape.plain(p.id()) + " is " + p.status() + ": " + Escape.plain(p.explanation()));
            ArrayNode locations = result.putArray("locations");
            for (Location location : p.locations()) {
                ObjectNode physical = locations.addObject().putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", location.path().replace('\\', '/'));
                physical.putObject("region").put("startLine", location.line());
            }
            result.putObject("partialFingerprints").put("npmPackage/v1", p.id() + ":" + ruleId);
            ObjectNode properties = result.putObject("properties").put("package", p.name())
                    .put("version", p.version()).put("status", p.status().name());
            p.provenance().ifPresent(facts -> properties.set("provenance", MAPPER.valueToTree(facts)));
        }
        MAPPER.writeValue(new java.io.FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        }, root);
        out.flush();
    }

    private static String describe(String ruleId, Status status) {
        return switch (ruleId) {
            case "INTEGRITY_MISMATCH" -> "Lockfile integrity differs from the registry's";
            case "SIGNATURE_INVALID" -> "Registry signature does not verify";
            case "UNKNOWN_KEY" -> "Signed with a key the registry does not publish";
            case "KEY_EXPIRED" -> "Signed with a key that expired before publication";
            case "UNSIGNED" -> "The registry has no signature for this version";
            case "POLICY_REQUIRE_PROVENANCE" -> "The policy requires verified provenance";
            case "POLICY_TRUSTED_SOURCES" -> "Built from a source the policy does not trust";
            default -> "Package is " + status.lowerCase() + " (" + ruleId + ")";
        };
    }
}
