package io.github.npmprovenance.registry;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry signing key, as {@code /-/npm/v1/keys} or the registry's TUF {@code keys.json} target publishes it.
 *
 * @param keyId npm's key id, an OpenSSH-style {@code SHA256:} fingerprint
 * @param keyType e.g. {@code ecdsa-sha2-nistp256}
 * @param scheme e.g. {@code ecdsa-sha2-nistp256}
 * @param publicKey the decoded SPKI key; empty when what the registry serves is no EC key this tool reads (a key of
 *     another type, added beside the one in use): a signature naming it cannot be checked, the other keys still can
 * @param encoded the base64 SPKI as published, to compare key material
 * @param usage what the key may sign
 * @param validFrom when it started being valid, if known
 * @param expires when it stopped being valid for new signatures; empty while current
 */
public record RegistryKey(String keyId, String keyType, String scheme, Optional<PublicKey> publicKey, String encoded,
        Usage usage, Optional<Instant> validFrom, Optional<Instant> expires) {

    /** npm's key usages; the {@code /-/npm/v1/keys} endpoint does not say, so its keys are {@link #ANY}. */
    public enum Usage {
        SIGNATURES, ATTESTATIONS, ANY;

        boolean allows(Usage wanted) {
            return this == ANY || this == wanted;
        }
    }

    public RegistryKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * This key, expiring no later than another copy of it says: of two sources for one key (the registry's
     * endpoint and the embedded copy), the earlier expiry is the one that holds.
     */
    public RegistryKey expiringNoLaterThan(Optional<Instant> other) {
        if (other.isEmpty() || expires.isPresent() && !other.get().isBefore(expires.get())) {
            return this;
        }
        return new RegistryKey(keyId, keyType, scheme, publicKey, encoded, usage, validFrom, other);
    }

    /** This key for the uses both it and another copy allow, if any: a known copy's, which a served one cannot widen. */
    public Optional<RegistryKey> limitedTo(Usage use) {
        Usage both = use == Usage.ANY ? usage : usage == Usage.ANY || usage == use ? use : null;
        return Optional.ofNullable(both)
                .map(u -> new RegistryKey(keyId, keyType, scheme, publicKey, encoded, u, validFrom, expires));
    }

    /** Whether the key was valid at an instant: from its start (inclusive) to its expiry (exclusive). */
    public boolean validAt(Instant instant) {
        return validFrom.map(start -> !instant.isBefore(start)).orElse(true)
                && expires.map(instant::isBefore).orElse(true);
    }
}
