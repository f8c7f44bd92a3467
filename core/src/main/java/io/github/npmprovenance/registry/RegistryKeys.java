package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The keys a registry signs with. Parsed from either shape npm publishes them in: the
 * {@code /-/npm/v1/keys} endpoint ({@code keyid}, {@code key}, {@code expires}) or the registry's TUF
 * {@code keys.json} target ({@code keyId}, {@code keyUsage}, {@code publicKey.rawBytes}, {@code validFor}).
 */
public record RegistryKeys(List<RegistryKey> keys) {
    private static final String EMBEDDED_PUBLIC_NPM = "npm-registry-keys.json";

    public RegistryKeys {
        keys = List.copyOf(keys);
    }

    /** A key that may sign registry signatures ({@code dist.signatures}). */
    public Optional<RegistryKey> find(String keyId) {
        return find(keyId, RegistryKey.Usage.SIGNATURES);
    }

    public Optional<RegistryKey> find(String keyId, RegistryKey.Usage usage) {
        return keys.stream().filter(k -> k.keyId().equals(keyId) && k.usage().allows(usage)).findFirst();
    }

    /**
     * The public npm registry's keys, embedded in this jar (current and rotated-out, for signatures and for
     * publish attestations), from the {@code @sigstore/tuf} seeds; see {@code npm-registry-keys.SOURCES.md}.
     */
    public static RegistryKeys embeddedPublicNpm() {
        try (InputStream in = RegistryKeys.class.getResourceAsStream(EMBEDDED_PUBLIC_NPM)) {
            if (in == null) {
                throw new IllegalStateException("embedded " + EMBEDDED_PUBLIC_NPM + " is missing from the jar");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RegistryException e) {
            throw new IllegalStateException("embedded registry keys are unreadable", e);
        }
    }

    public static RegistryKeys parse(byte[] body) throws RegistryException {
        JsonNode root;
        try {
            // JSON.parse, as npm: one value and nothing after it
            root = RegistryJson.STRICT.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                    "registry keys are not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                    "registry keys are not valid JSON: " + e.getMessage(), e);
        }
        JsonNode array = root == null ? null : root.get("keys");
        if (array == null || !array.isArray()) {
            throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                    "registry keys document has no \"keys\" array");
        }
        List<RegistryKey> keys = new ArrayList<>();
        for (JsonNode entry : array) {
            keys.add(parseKey(entry));
        }
        return new RegistryKeys(keys);
    }

    private static RegistryKey parseKey(JsonNode entry) throws RegistryException {
        boolean tuf = entry.has("keyId");
        String keyId = entry.path(tuf ? "keyId" : "keyid").asText("");
        String encoded = tuf ? entry.path("publicKey").path("rawBytes").asText("") : entry.path("key").asText("");
        if (keyId.isEmpty() || encoded.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                    "registry key without keyid or key");
        }
        PublicKey publicKey;
        try {
            publicKey = KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(encoded)));
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                    "registry key " + keyId + " is unreadable: not a base64 DER EC public key", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            if (tuf) {
                RegistryKey.Usage usage = switch (entry.path("keyUsage").asText("")) {
                    case "npm:signatures" -> RegistryKey.Usage.SIGNATURES;
                    case "npm:attestations" -> RegistryKey.Usage.ATTESTATIONS;
                    default -> throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                            "registry key " + keyId + " has an unknown usage");
                };
                JsonNode validFor = entry.path("publicKey").path("validFor");
                return new RegistryKey(keyId, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", publicKey, encoded,
                        usage, instant(validFor.get("start")), instant(validFor.get("end")));
            }
            return new RegistryKey(keyId, entry.path("keytype").asText(""), entry.path("scheme").asText(""),
                    publicKey, encoded, RegistryKey.Usage.ANY, Optional.empty(), instant(entry.get("expires")));
        } catch (DateTimeParseException e) {
            throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                    "registry key " + keyId + " is unreadable: its validity date \"" + e.getParsedString()
                            + "\" is not an ISO-8601 instant such as 2025-01-29T00:00:00Z", e);
        }
    }

    /**
     * To the millisecond, as npm's {@code Date.parse} reads it: a key said to expire 0.9 ms into a millisecond has
     * expired for a version published at its start, for npm, and so here.
     */
    private static Optional<Instant> instant(JsonNode value) {
        return value == null || value.isNull() ? Optional.empty()
                : Optional.of(Instant.parse(value.asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
