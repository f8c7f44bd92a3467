package io.github.npmprovenance.registry;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry signing key as {@code /-/npm/v1/keys} publishes it.
 *
 * @param keyId npm's key id, an OpenSSH-style {@code SHA256:} fingerprint
 * @param keyType e.g. {@code ecdsa-sha2-nistp256}
 * @param scheme e.g. {@code ecdsa-sha2-nistp256}
 * @param publicKey the decoded SPKI key
 * @param encoded the base64 SPKI as published, to compare key material
 * @param expires when it stopped being valid for new signatures; empty while current
 */
public record RegistryKey(String keyId, String keyType, String scheme, PublicKey publicKey, String encoded,
        Optional<Instant> expires) {
    public RegistryKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(expires, "expires");
    }
}
