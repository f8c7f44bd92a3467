package io.github.npmprovenance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.Location;
import io.github.npmprovenance.verify.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SARIF 2.1.0: one result per failing package, located at its lockfile entry; one rule per failure code. Lockfile
 * locations are URI references relative to {@value #SOURCE_ROOT} where possible, since code scanning maps only those
 * to repository files and absolute paths would publish the build machine's layout; other files get a {@code file:}
 * URI.
 *
 * <p>Code scanning rejects a whole file over its hard limits, of which two can be reached here: 25,000 results per
 * run (a large lockfile whose registry was down) and 1,000 locations per result (a version pinned at that many
 * places). So the most severe 25,000 results are written, and a result's first 1,000 locations, the message saying
 * how many were left out.
 */
public final class SarifReportWriter {
    /** GitHub code scanning's hard limits: a file over either is rejected whole. */
    static final int MAX_RESULTS = 25_000;
    static final int MAX_LOCATIONS = 1_000;

    /** The {@code uriBaseId} of relative locations: the conventional name for the checkout's root. */
    public static final String SOURCE_ROOT = "%SRCROOT%";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final String toolVersion;
    private final Optional<Path> sourceRoot;

    /** For reports whose paths are already relative to the source root; absolute paths become file URIs. */
    public SarifReportWriter(String toolVersion) {
        this.toolVersion = toolVersion;
        this.sourceRoot = Optional.empty();
    }

    /** Paths in or under {@code sourceRoot} are written relative to it; relative paths are resolved against it. */
    public SarifReportWriter(String toolVersion, Path sourceRoot) {
        this.toolVersion = toolVersion;
        this.sourceRoot = Optional.of(sourceRoot.toAbsolutePath().normalize());
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
        List<PackageReport> failing = report.failing();
        // most severe first, so what is left out is the least severe
        for (PackageReport p : failing.subList(0, Math.min(failing.size(), MAX_RESULTS))) {
            String ruleId = p.failureCode();
            int index = ruleIndex.computeIfAbsent(ruleId, id -> {
                ObjectNode rule = rules.addObject();
                rule.put("id", id);
                rule.putObject("shortDescription").put("text", describe(id, p.status()));
                // code scanning shows both descriptions at the top of an alert, and the help beneath it
                rule.putObject("fullDescription").put("text", describe(id, p.status()) + " (code " + id + ").");
                rule.putObject("help").put("text", help(id, p.status()));
                return ruleIndex.size();
            });
            ObjectNode result = results.addObject();
            result.put("ruleId", ruleId);
            result.put("ruleIndex", index);
            result.put("level", p.status() == Status.INVALID ? "error" : "warning");
            int omitted = Math.max(0, p.locations().size() - MAX_LOCATIONS);
            result.putObject("message").put("text",
                    Escape.sarifText(p.id() + " is " + p.status() + ": " + p.explanation()
                            + (omitted == 0 ? "" : " (also at " + omitted + " more lockfile location"
                                    + (omitted == 1 ? "" : "s") + ", not listed)")));
            ArrayNode locations = result.putArray("locations");
            for (Location location : p.locations().subList(0, p.locations().size() - omitted)) {
                ObjectNode physical = locations.addObject().putObject("physicalLocation");
                artifactLocation(physical.putObject("artifactLocation"), location.path());
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

    private void artifactLocation(ObjectNode node, String pathText) {
        Path path;
        try {
            path = Path.of(pathText);
        } catch (InvalidPathException e) {
            // not a path of this platform (e.g. a Windows path in a report read elsewhere): keep its segments
            node.put("uri", encodeSegments(List.of(pathText.replace('\\', '/').split("/", -1))));
            node.put("uriBaseId", SOURCE_ROOT);
            return;
        }
        if (sourceRoot.isPresent()) {
            Path absolute = sourceRoot.get().resolve(path).normalize();
            path = absolute.startsWith(sourceRoot.get()) ? sourceRoot.get().relativize(absolute) : absolute;
        } else {
            path = path.normalize();
        }
        if (path.isAbsolute() || path.startsWith("..")) {
            node.put("uri", path.toAbsolutePath().normalize().toUri().toASCIIString());
            return;
        }
        List<String> segments = new ArrayList<>();
        path.forEach(segment -> segments.add(segment.toString()));
        node.put("uri", encodeSegments(segments));
        node.put("uriBaseId", SOURCE_ROOT);
    }

    /**
     * A relative URI reference: every byte but RFC 3986's unreserved characters is percent-encoded, ':' included,
     * so that a first segment like {@code C:} cannot be read as a scheme.
     */
    private static String encodeSegments(List<String> segments) {
        StringBuilder uri = new StringBuilder();
        for (String segment : segments) {
            if (uri.length() > 0) {
                uri.append('/');
            }
            for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xFF;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
                        || c == '.' || c == '_' || c == '~') {
                    uri.append((char) c);
                } else {
                    uri.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
        }
        return uri.toString();
    }

    /** What the failure means and what to do, by what decided it. */
    private static String help(String ruleId, Status status) {
        if (ruleId.startsWith("POLICY_")) {
            // the SARIF comes from the command line, the action and the Jenkins step alike, which name the file
            // each their own way
            return "The project's policy (.npm-provenance.yml beside the lockfile, or the file given) requires more "
                    + "of this package than it has: verified provenance, or provenance from a source the policy "
                    + "trusts. Publish it with provenance from that source, or change the policy in a reviewed "
                    + "commit.";
        }
        return switch (status) {
            case INVALID -> "What the lockfile pins does not match what the registry signed, or the package's "
                    + "signatures or attestations do not verify. Do not install it: find out how the lockfile entry "
                    + "changed, and lock the package again from the registry.";
            case UNSIGNED -> "The registry publishes signing keys but has no signature for this version, so nothing "
                    + "shows the registry served it as it was published.";
            case ERROR -> "The package could not be verified (the message says why: the registry, the network, or "
                    + "a document that could not be read). Nothing is known about it; run the verification again.";
            default -> "The package is " + status.lowerCase() + ", which the run's fail-on setting fails.";
        };
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
