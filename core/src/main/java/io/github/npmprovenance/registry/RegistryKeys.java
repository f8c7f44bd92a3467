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

    /** A registry's keys document, read as npm reads it: see {@link #parseKey}. */
    public static RegistryKeys parse(byte[] body) throws RegistryException {
        return parse(body, false);
    }

    /**
     * A keys file the user chose to trust: a key in it that cannot be read is a mistake to name now, not a failure
     * of each package it should have verified.
     */
    public static RegistryKeys parseTrusted(byte[] body) throws RegistryException {
        return parse(body, true);
    }

    private static RegistryKeys parse(byte[] body, boolean strict) throws RegistryException {
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
            Optional<RegistryKey> key = parseKey(entry);
            if (strict && (key.isEmpty() || key.get().publicKey().isEmpty() || !readableDates(entry))) {
                throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE, "the key "
                        + key.map(RegistryKey::keyId).orElse("at position " + (keys.size() + 1)) + " is unreadable: "
                        + "it needs a key id, a known usage, a base64 DER EC public key and ISO-8601 dates");
            }
            if (strict && keys.stream().anyMatch(k -> k.keyId().equals(key.get().keyId())
                    && (k.usage().allows(key.get().usage()) || key.get().usage().allows(k.usage())))) {
                // which of two copies would hold depends on their order: a mistake to name now
                throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE, "the key "
                        + key.get().keyId() + " is listed twice for one use");
            }
            key.ifPresent(keys::add);
        }
        return new RegistryKeys(keys);
    }

    /**
     * One entry, read as npm reads it: only when a signature names it. So an entry that is unreadable here does not
     * make the document unreadable: one without a key id is never found (npm's {@code keys.find} by key id misses
     * it), one whose material is no EC key is kept without a public key, and an unreadable expiry or validity end
     * is the epoch, before every publication, as npm's {@code Date.parse} gives NaN, which no publish time is before.
     */
    private static Optional<RegistryKey> parseKey(JsonNode entry) {
        boolean tuf = entry.has("keyId");
        String keyId = entry.path(tuf ? "keyId" : "keyid").asText("");
        if (keyId.isEmpty()) {
            return Optional.empty();
        }
        String encoded = tuf ? entry.path("publicKey").path("rawBytes").asText("") : entry.path("key").asText("");
        Optional<PublicKey> publicKey;
        try {
            byte[] der = Base64.getDecoder().decode(encoded);
            // as Node reads the PEM npm makes of it, only canonical base64: the same key written another way (its
            // padding dropped) would pass for another key, which the known keys' ids and expiries do not hold
            publicKey = Base64.getEncoder().encodeToString(der).equals(encoded)
                    ? Optional.of(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der)))
                    : Optional.empty();
            // and only the one DER the JDK writes for the key's point: a longer length form, bytes after it, or a
            // BIT STRING claiming unused bits, which the JDK and Node read as the same key, would be other text
            // for it, which the known keys' ids and expiries do not hold
            if (publicKey.isPresent()) {
                byte[] canonical = publicKey.get() instanceof java.security.interfaces.ECPublicKey ec
                        ? KeyFactory.getInstance("EC").generatePublic(new java.security.spec.ECPublicKeySpec(ec.getW(),
                                ec.getParams())).getEncoded()
                        : new byte[0];
                publicKey = publicKey.filter(key -> java.util.Arrays.equals(canonical, der));
            }
        } catch (IllegalArgumentException | InvalidKeySpecException e) {
            publicKey = Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (tuf) {
            RegistryKey.Usage usage;
            switch (entry.path("keyUsage").asText("")) {
                case "npm:signatures" -> usage = RegistryKey.Usage.SIGNATURES;
                case "npm:attestations" -> usage = RegistryKey.Usage.ATTESTATIONS;
                default -> {
                    // a usage of a later npm: not one of ours
                    return Optional.empty();
                }
            }
            JsonNode validFor = entry.path("publicKey").path("validFor");
            return Optional.of(new RegistryKey(keyId, "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp256", publicKey,
                    encoded, usage, instant(validFor.get("start"), Instant.MAX), instant(validFor.get("end"),
                            Instant.EPOCH)));
        }
        return Optional.of(new RegistryKey(keyId, entry.path("keytype").asText(""), entry.path("scheme").asText(""),
                publicKey, encoded, RegistryKey.Usage.ANY, Optional.empty(), instant(entry.get("expires"),
                        Instant.EPOCH)));
    }

    private static boolean readableDates(JsonNode entry) {
        JsonNode validFor = entry.path("publicKey").path("validFor");
        return java.util.stream.Stream.of(entry.get("expires"), validFor.get("start"), validFor.get("end"))
                .allMatch(date -> instant(date, Instant.MIN).filter(Instant.MIN::equals).isEmpty());
    }

    /**
     * To the millisecond, as npm's {@code Date.parse} reads it: a key said to expire 0.9 ms into a millisecond has
     * expired for a version published at its start, for npm, and so here; {@code unreadable} for what it cannot read.
     */
    private static Optional<Instant> instant(JsonNode value, Instant unreadable) {
        // npm tests !publicKey.expires before Date.parse: "", 0 and false are no expiry, not an unreadable one
        if (JavaScriptTruth.isFalsy(value)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.asText()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        } catch (DateTimeParseException e) {
            return Optional.of(unreadable);
        }
    }
}
