package io.github.npmprovenance.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.attestation.ExpectedSubject;
import io.github.npmprovenance.attestation.ProvenanceFacts;
import io.github.npmprovenance.attestation.VerifiedAttestation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers attestations that verified, keyed by SHA-256 of the exact bundle bytes, the expected subject, the
 * predicate type and the trust material's digest: a warm run skips the Sigstore arithmetic only for inputs it has
 * already verified, and any change to bundle, lockfile, or trust material is a different key. Failures are never
 * remembered.
 */
public final class AttestationMemo {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, VerifiedAttestation> known = new ConcurrentHashMap<>();
    private final Map<String, VerifiedAttestation> added = new ConcurrentHashMap<>();
    private final Path file;
    private final String trustDigest;

    private AttestationMemo(Path file, String trustDigest) {
        this.file = file;
        this.trustDigest = trustDigest;
    }

    public static AttestationMemo none() {
        return new AttestationMemo(null, "");
    }

    /** Loads a memo file (one JSON object per line); unreadable lines are ignored. */
    public static AttestationMemo load(Path file, String trustDigest) {
        AttestationMemo memo = new AttestationMemo(file, trustDigest);
        if (!Files.isRegularFile(file)) {
            return memo;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonNode json = MAPPER.readTree(line);
                    memo.known.put(json.path("key").asText(), fromJson(json));
                } catch (IOException | RuntimeException e) {
                    // a torn line from an interrupted run: verify that attestation again
                }
            }
        } catch (IOException e) {
            memo.known.clear();
        }
        return memo;
    }

    Optional<VerifiedAttestation> recall(JsonNode bundle, String predicateType, ExpectedSubject expected) {
        return file == null ? Optional.empty() : Optional.ofNullable(known.get(key(bundle, predicateType, expected)));
    }

    void remember(JsonNode bundle, String predicateType, ExpectedSubject expected, VerifiedAttestation verified) {
        if (file != null) {
            String key = key(bundle, predicateType, expected);
            if (known.putIfAbsent(key, verified) == null) {
                added.put(key, verified);
            }
        }
    }

    public void save() throws IOException {
        if (file == null || added.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, VerifiedAttestation> entry : added.entrySet()) {
            lines.append(MAPPER.writeValueAsString(toJson(entry.getKey(), entry.getValue()))).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        added.clear();
    }

    private String key(JsonNode bundle, String predicateType, ExpectedSubject expected) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {trustDigest, predicateType, expected.purl(), expected.sha512Hex()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            sha.update(MAPPER.writeValueAsBytes(bundle));
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode toJson(String key, VerifiedAttestation verified) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("key", key);
        json.put("predicateType", verified.predicateType());
        json.put("mediaType", verified.mediaType());
        json.put("integratedTime", verified.integratedTime().toString());
        json.put("inclusionProofChecked", verified.inclusionProofChecked());
        verified.provenance().ifPresent(p -> json.set("provenance", MAPPER.valueToTree(p)));
        return json;
    }

    private static VerifiedAttestation fromJson(JsonNode json) throws IOException {
        JsonNode provenance = json.get("provenance");
        return new VerifiedAttestation(json.path("predicateType").asText(), json.path("mediaType").asText(),
                Instant.parse(json.path("integratedTime").asText()), json.path("inclusionProofChecked").asBoolean(),
                provenance == null ? Optional.empty()
                        : Optional.of(MAPPER.treeToValue(provenance, ProvenanceFacts.class)));
    }
}
