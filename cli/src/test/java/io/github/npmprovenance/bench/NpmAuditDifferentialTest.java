package io.github.npmprovenance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.FixtureRegistryData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Differential run against the real {@code npm audit signatures}: for each case, the loopback {@link FixtureRegistry}
 * serves the recorded registry data (mutated for the case), a project is written as {@code npm install} leaves it,
 * and both npm and {@code java -jar cli/target/npm-provenance.jar verify} run against it. Needs node and npm, so
 * it only runs on request: {@code -Dnpm-audit-differential=DIR -Dtest=NpmAuditDifferentialTest}; it writes each
 * tool's output below DIR and a summary to DIR/summary.tsv (recorded in core/src/test/resources/npm-audit-differential.md).
 *
 * <p>npm runs offline from TUF with a preloaded shim, as in {@link RegistryBenchmark}: sigstore's TUF repository
 * reports no keys for the loopback registry (so npm fetches {@code <registry>/-/npm/v1/keys}, as for any registry
 * but registry.npmjs.org), and its trusted root is the one embedded in this tool (sigstore's TUF repository would
 * serve the same public-good root).
 */
@EnabledIfSystemProperty(named = "npm-audit-differential", matches = ".+")
class NpmAuditDifferentialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SHIM = """
            // differential test only: sigstore's TUF repository, offline
            const fs = require('fs');
            const path = require('path');
            const npmRoot = path.resolve(fs.realpathSync(process.argv[1]), '..', '..');
            const tuf = require(require.resolve('@sigstore/tuf', { paths: [npmRoot] }));
            const { TrustedRoot } = require(require.resolve('@sigstore/protobuf-specs', { paths: [npmRoot] }));
            tuf.initTUF = async () => ({
              getTarget: async (name) => {
                throw Object.assign(new Error('no TUF target ' + name), { code: 'TUF_FIND_TARGET_ERROR' });
              },
            });
            tuf.getTrustedRoot = async () => TrustedRoot.fromJSON(JSON.parse(fs.readFileSync(process.env.DIFF_TRUSTED_ROOT, 'utf8')));
            """;
    /** The recorded packages with a registry signature and provenance (v1/0.2 bundle for nuxt, v0.2/0.1 for the others). */
    private static final List<String[]> PACKAGES = List.of(
            new String[] {"nuxt", "3.13.0"}, new String[] {"sigstore", "1.0.0"}, new String[] {"tuf-js", "1.0.0"});
    private static final String OLD_KEY = "SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA";

    private record Case(String name, String description, Consumer<FixtureRegistry> registry,
            Consumer<ObjectNode> lockfile, List<String[]> packages) {
        Case(String name, String description, Consumer<FixtureRegistry> registry, Consumer<ObjectNode> lockfile) {
            this(name, description, registry, lockfile, PACKAGES);
        }
    }

    @Test
    void compare() throws Exception {
        Path out = Path.of(System.getProperty("npm-audit-differential")).toAbsolutePath();
        Files.createDirectories(out);
        Path shim = out.resolve("tuf-offline-shim.js");
        Files.writeString(shim, SHIM);
        Path trustedRoot = out.resolve("trusted_root.json");
        try (var in = getClass().getResourceAsStream("/io/github/npmprovenance/attestation/trusted_root.json")) {
            Files.write(trustedRoot, in.readAllBytes());
        }
        // another build's jar, e.g. to see how an earlier commit did: -Dnpm-audit-differential.jar=PATH
        Path jar = Path.of(System.getProperty("npm-audit-differential.jar",
                Path.of(System.getProperty("user.dir")).resolve("target/npm-provenance.jar").toString())).toAbsolutePath();
        StringBuilder summary = new StringBuilder("case\tnpm exit\tnpm\tours exit\tours\n");
        String only = System.getProperty("npm-audit-differential.case", "");
        for (Case c : cases()) {
            if (!only.isEmpty() && !List.of(only.split(",")).contains(c.name())) {
                continue;
            }
            Path dir = out.resolve(c.name());
            deleteTree(dir);
            Files.createDirectories(dir);
            try (FixtureRegistry registry = FixtureRegistry.start()) {
                c.registry().accept(registry);
                Path project = dir.resolve("project");
                writeProject(project, registry.url().toString(), c.lockfile(), c.packages());
                int npmExit = run(List.of("npm", "audit", "signatures", "--json", "--registry",
                        registry.url().toString(), "--cache", dir.resolve("npm-cache").toString(), "--fetch-retries",
                        "0"), project, dir.resolve("npm.out"), dir.resolve("npm.err"),
                        Map.of("NODE_OPTIONS", "--require " + shim, "DIFF_TRUSTED_ROOT", trustedRoot.toString()));
                int ourExit = run(List.of(javaBinary(), "-jar", jar.toString(), "verify", project.toString(),
                        "--registry", registry.url().toString(), "--json", "--cache-dir",
                        dir.resolve("our-cache").toString()), project, dir.resolve("ours.out"), dir.resolve("ours.err"),
                        Map.of());
                summary.append(c.name()).append('\t').append(npmExit).append('\t')
                        .append(npmVerdict(dir)).append('\t').append(ourExit).append('\t')
                        .append(ourVerdict(dir)).append('\n');
                Files.writeString(dir.resolve("case.txt"), c.description() + "\n");
            }
        }
        Files.writeString(out.resolve(only.isEmpty() ? "summary.tsv" : "summary-selected.tsv"), summary);
        System.out.println(summary);
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Consumer<ObjectNode> sameLockfile = lock -> { };
        cases.add(new Case("unmodified", "the recorded data as served", r -> { }, sameLockfile));
        cases.add(new Case("signature-byte-flipped", "tuf-js@1.0.0: last byte of the DER registry signature flipped",
                r -> {
                    ObjectNode sig = (ObjectNode) r.version("tuf-js", "1.0.0").path("dist").path("signatures").get(0);
                    byte[] der = Base64.getDecoder().decode(sig.get("sig").asText());
                    der[der.length - 1] ^= 1;
                    sig.put("sig", Base64.getEncoder().encodeToString(der));
                }, sameLockfile));
        cases.add(new Case("signature-unknown-keyid", "tuf-js@1.0.0: the signature names a key id the registry does not list",
                r -> ((ObjectNode) r.version("tuf-js", "1.0.0").path("dist").path("signatures").get(0))
                        .put("keyid", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), sameLockfile));
        cases.add(new Case("key-expired-before-publish",
                "the served key that signed all three expires 2023-01-01, before every publish time",
                r -> key(r, OLD_KEY).put("expires", "2023-01-01T00:00:00.000Z"), sameLockfile));
        cases.add(new Case("key-expires-at-publish",
                "the served key expires exactly at tuf-js@1.0.0's publish time (2023-02-09T17:38:27.000Z), "
                        + "before sigstore@1.0.0 and nuxt@3.13.0 were published",
                r -> key(r, OLD_KEY).put("expires", "2023-02-09T17:38:27.000Z"), sameLockfile));
        cases.add(new Case("key-expires-just-after-tuf-js-publish",
                "the served key expires 1 ms after tuf-js@1.0.0's publish time (so before sigstore@1.0.0's "
                        + "and nuxt@3.13.0's)",
                r -> key(r, OLD_KEY).put("expires", "2023-02-09T17:38:27.001Z"), sameLockfile));
        cases.add(new Case("signatures-removed", "tuf-js@1.0.0: dist.signatures removed, the registry still serves keys",
                r -> ((ObjectNode) r.version("tuf-js", "1.0.0").path("dist")).remove("signatures"), sameLockfile));
        cases.add(new Case("keys-empty", "the keys endpoint answers {\"keys\":[]}",
                r -> r.setKeys(JSON.createObjectNode().set("keys", JSON.createArrayNode())), sameLockfile));
        cases.add(new Case("keys-404", "the keys endpoint answers 404",
                r -> r.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.NOT_FOUND, 1000), sameLockfile));
        cases.add(new Case("keys-500", "the keys endpoint answers 500",
                r -> r.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.SERVER_ERROR, 1000), sameLockfile));
        cases.add(new Case("lockfile-integrity-differs",
                "tuf-js@1.0.0: the lockfile (and npm's hidden lockfile) pins sigstore@1.0.0's integrity", r -> { },
                lock -> ((ObjectNode) lock.path("packages").path("node_modules/tuf-js"))
                        .put("integrity", FixtureRegistryData.integrity("sigstore", "1.0.0"))));
        cases.add(new Case("attestation-payload-byte", "tuf-js@1.0.0: one byte of the provenance statement's "
                + "predicate (buildType) changed in the DSSE payload",
                r -> tamperPayload(r, "tuf-js", "1.0.0", "https://slsa.dev/provenance/v0.2"), sameLockfile));
        cases.add(new Case("attestation-payload-byte-nuxt", "nuxt@3.13.0: one byte of the provenance statement's "
                + "predicate (buildType) changed in the DSSE payload",
                r -> tamperPayload(r, "nuxt", "3.13.0", "https://slsa.dev/provenance/v1"), sameLockfile));
        cases.add(new Case("attestation-certificate", "tuf-js@1.0.0: last byte (in the CA's signature) of the "
                + "provenance bundle's Fulcio certificate flipped",
                r -> {
                    ObjectNode cert = (ObjectNode) bundle(r, "tuf-js", "1.0.0", "https://slsa.dev/provenance/v0.2")
                            .path("verificationMaterial").path("x509CertificateChain").path("certificates").get(0);
                    cert.put("rawBytes", flipLast(cert.get("rawBytes").asText()));
                }, sameLockfile));
        cases.add(new Case("attestation-certificate-nuxt", "nuxt@3.13.0: last byte of the provenance bundle's "
                + "Fulcio certificate flipped",
                r -> {
                    JsonNode material = bundle(r, "nuxt", "3.13.0", "https://slsa.dev/provenance/v1")
                            .path("verificationMaterial");
                    ObjectNode cert = material.has("certificate") ? (ObjectNode) material.get("certificate")
                            : (ObjectNode) material.path("x509CertificateChain").path("certificates").get(0);
                    cert.put("rawBytes", flipLast(cert.get("rawBytes").asText()));
                }, sameLockfile));
        cases.add(new Case("attestation-tlog-set", "tuf-js@1.0.0: last byte of the provenance tlog entry's signed "
                + "entry timestamp flipped (0.1 bundle: no inclusion proof)",
                r -> {
                    ObjectNode promise = (ObjectNode) tlog(r, "tuf-js", "1.0.0", "https://slsa.dev/provenance/v0.2")
                            .path("inclusionPromise");
                    promise.put("signedEntryTimestamp", flipLast(promise.get("signedEntryTimestamp").asText()));
                }, sameLockfile));
        cases.add(new Case("attestation-tlog-logindex", "nuxt@3.13.0: the provenance tlog entry's logIndex + 1 "
                + "(0.2 bundle, inclusion proof untouched)",
                r -> {
                    ObjectNode entry = tlog(r, "nuxt", "3.13.0", "https://slsa.dev/provenance/v1");
                    entry.put("logIndex", String.valueOf(Long.parseLong(entry.get("logIndex").asText()) + 1));
                }, sameLockfile));
        cases.add(new Case("attestation-tlog-integrated-time", "nuxt@3.13.0: the provenance tlog entry's "
                + "integratedTime + 1",
                r -> {
                    ObjectNode entry = tlog(r, "nuxt", "3.13.0", "https://slsa.dev/provenance/v1");
                    entry.put("integratedTime",
                            String.valueOf(Long.parseLong(entry.get("integratedTime").asText()) + 1));
                }, sameLockfile));
        cases.add(new Case("attestations-404", "tuf-js@1.0.0: the attestations endpoint answers 404",
                r -> r.fault("-/npm/v1/attestations/tuf-js@1.0.0", FixtureRegistry.Fault.NOT_FOUND, 1000),
                sameLockfile));
        cases.add(new Case("attestations-500", "tuf-js@1.0.0: the attestations endpoint answers 500",
                r -> r.fault("-/npm/v1/attestations/tuf-js@1.0.0", FixtureRegistry.Fault.SERVER_ERROR, 1000),
                sameLockfile));
        cases.add(new Case("version-missing", "tuf-js: 1.0.0 removed from the packument",
                r -> ((ObjectNode) r.packument("tuf-js").path("versions")).remove("1.0.0"), sameLockfile));
        List<String[]> tufJs = List.<String[]>of(new String[] {"tuf-js", "1.0.0"});
        List<String[]> nuxt = List.<String[]>of(new String[] {"nuxt", "3.13.0"});
        cases.add(new Case("keys-404-unsigned", "tuf-js@1.0.0 only: keys endpoint 404, dist.signatures removed "
                + "(its publish attestation names a registry key)",
                r -> {
                    r.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.NOT_FOUND, 1000);
                    ((ObjectNode) r.version("tuf-js", "1.0.0").path("dist")).remove("signatures");
                }, sameLockfile, tufJs));
        cases.add(new Case("keys-404-unsigned-no-attestations", "tuf-js@1.0.0 only: keys endpoint 404, "
                + "dist.signatures and dist.attestations removed",
                r -> {
                    r.fault(FixtureRegistry.KEYS_PATH, FixtureRegistry.Fault.NOT_FOUND, 1000);
                    ((ObjectNode) r.version("tuf-js", "1.0.0").path("dist")).remove(List.of("signatures", "attestations"));
                }, sameLockfile, tufJs));
        cases.add(new Case("keys-empty-unsigned-no-attestations", "tuf-js@1.0.0 only: keys endpoint {\"keys\":[]}, "
                + "dist.signatures and dist.attestations removed",
                r -> {
                    r.setKeys(JSON.createObjectNode().set("keys", JSON.createArrayNode()));
                    ((ObjectNode) r.version("tuf-js", "1.0.0").path("dist")).remove(List.of("signatures", "attestations"));
                }, sameLockfile, tufJs));
        cases.add(new Case("key-expires-at-publish-attestation-log-time", "nuxt@3.13.0 only: the served key expires "
                + "2024-08-22T16:06:37Z, after the packument's publish time (16:06:35.380Z) and exactly at the publish "
                + "attestation's Rekor integratedTime (1724342797)",
                r -> key(r, OLD_KEY).put("expires", "2024-08-22T16:06:37.000Z"), sameLockfile, nuxt));
        List<String[]> sigstore231 = List.<String[]>of(new String[] {"sigstore", "2.3.1"});
        String newKey = "SHA256:DhQ8wR5APBvFHLF/+Tc+AYvPOdTpcIDqOhxsBHRwC7U";
        cases.add(new Case("publish-key-not-served", "sigstore@2.3.1 only (recorded unsigned; its publish attestation "
                + "names the old key): the keys endpoint serves only the new key",
                r -> ((ArrayNode) r.keys().path("keys")).remove(0), sameLockfile, sigstore231));
        cases.add(new Case("publish-key-other-material", "sigstore@2.3.1 only: the old key id is served with the new "
                + "key's material",
                r -> key(r, OLD_KEY).put("key", key(r, newKey).get("key").asText()), sameLockfile, sigstore231));
        cases.add(new Case("publish-time-missing", "tuf-js@1.0.0: time[1.0.0] removed from the packument, the "
                + "signing key has an expiry (2025-01-29)",
                r -> ((ObjectNode) r.packument("tuf-js").path("time")).remove("1.0.0"), sameLockfile));
        return cases;
    }

    private static ObjectNode key(FixtureRegistry r, String keyid) {
        for (JsonNode key : r.keys().path("keys")) {
            if (key.path("keyid").asText().equals(keyid)) {
                return (ObjectNode) key;
            }
        }
        throw new IllegalStateException("no key " + keyid);
    }

    private static ObjectNode bundle(FixtureRegistry r, String name, String version, String predicateType) {
        for (JsonNode attestation : r.attestations(name, version).path("attestations")) {
            if (attestation.path("predicateType").asText().equals(predicateType)) {
                return (ObjectNode) attestation.get("bundle");
            }
        }
        throw new IllegalStateException("no " + predicateType + " for " + name + "@" + version);
    }

    private static ObjectNode tlog(FixtureRegistry r, String name, String version, String predicateType) {
        return (ObjectNode) bundle(r, name, version, predicateType).path("verificationMaterial").path("tlogEntries")
                .get(0);
    }

    private static void tamperPayload(FixtureRegistry r, String name, String version, String predicateType) {
        ObjectNode envelope = (ObjectNode) bundle(r, name, version, predicateType).get("dsseEnvelope");
        byte[] payload = Base64.getDecoder().decode(envelope.get("payload").asText());
        String text = new String(payload, StandardCharsets.UTF_8);
        int at = text.indexOf("\"buildType\":");
        if (at < 0) {
            throw new IllegalStateException("no buildType in " + text);
        }
        int quote = text.indexOf('"', at + "\"buildType\":".length());
        int target = quote + 10; // a letter inside the URL, e.g. https://slsa-framework...
        payload[target] = (byte) (payload[target] == 'x' ? 'y' : 'x');
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
    }

    private static String flipLast(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        bytes[bytes.length - 1] ^= 1;
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** As {@link SyntheticRegistry#writeProject}: package.json, package-lock.json v3, node_modules and npm's hidden lockfile. */
    private static void writeProject(Path dir, String registry, Consumer<ObjectNode> lockMutation,
            List<String[]> installed) throws IOException {
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode packageJson = JSON.createObjectNode();
        packageJson.put("name", "differential").put("version", "1.0.0").put("private", true);
        ObjectNode dependencies = packageJson.putObject("dependencies");
        installed.forEach(p -> dependencies.put(p[0], p[1]));
        ObjectNode lock = JSON.createObjectNode();
        lock.put("name", "differential").put("version", "1.0.0").put("lockfileVersion", 3).put("requires", true);
        ObjectNode packages = lock.putObject("packages");
        ObjectNode root = packages.putObject("");
        root.put("name", "differential").put("version", "1.0.0");
        root.set("dependencies", dependencies.deepCopy());
        Files.createDirectories(dir.resolve("node_modules"));
        for (String[] p : installed) {
            ObjectNode entry = packages.putObject("node_modules/" + p[0]);
            entry.put("version", p[1]).put("resolved", registry + p[0] + "/-/" + p[0] + "-" + p[1] + ".tgz")
                    .put("integrity", FixtureRegistryData.integrity(p[0], p[1])).put("license", "MIT");
            Path folder = dir.resolve("node_modules").resolve(p[0]);
            Files.createDirectories(folder);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("name", p[0]).put("version", p[1]).put("license", "MIT");
            Files.write(folder.resolve("package.json"), pretty.writeValueAsBytes(manifest));
        }
        lockMutation.accept(lock);
        ObjectNode hidden = lock.deepCopy();
        ((ObjectNode) hidden.get("packages")).remove("");
        Files.write(dir.resolve("package.json"), pretty.writeValueAsBytes(packageJson));
        Files.write(dir.resolve("package-lock.json"), pretty.writeValueAsBytes(lock));
        // last, so it is newer than every folder: npm ignores a hidden lockfile older than the tree
        Files.write(dir.resolve("node_modules/.package-lock.json"), pretty.writeValueAsBytes(hidden));
    }

    private static int run(List<String> command, Path dir, Path out, Path err, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** npm's JSON: invalid[] and missing[] by name@version:code; or the error it stopped with. */
    private static String npmVerdict(Path dir) throws IOException {
        String text = Files.readString(dir.resolve("npm.out"));
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.has("error")) {
                return "error " + json.path("error").path("code").asText() + ": "
                        + json.path("error").path("summary").asText().replace('\n', ' ');
            }
            Map<String, String> verdicts = new LinkedHashMap<>();
            if (json != null) {
                for (JsonNode i : json.path("invalid")) {
                    verdicts.put(i.path("name").asText() + "@" + i.path("version").asText(),
                            "invalid " + i.path("code").asText());
                }
                for (JsonNode m : json.path("missing")) {
                    verdicts.put(m.path("name").asText() + "@" + m.path("version").asText(), "missing");
                }
            }
            return verdicts.isEmpty() ? "all pass" : verdicts.toString();
        } catch (IOException e) {
            return "unparsed: " + text.replace('\n', ' ');
        }
    }

    private static String ourVerdict(Path dir) throws IOException {
        String text = Files.readString(dir.resolve("ours.out"));
        try {
            JsonNode json = JSON.readTree(text);
            Map<String, String> verdicts = new LinkedHashMap<>();
            JsonNode packages = json.path("packages");
            for (JsonNode p : packages instanceof ArrayNode ? packages : JSON.createArrayNode()) {
                verdicts.put(p.path("name").asText() + "@" + p.path("version").asText(), p.path("status").asText());
            }
            return verdicts.toString();
        } catch (IOException e) {
            return "unparsed: " + text.replace('\n', ' ');
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
