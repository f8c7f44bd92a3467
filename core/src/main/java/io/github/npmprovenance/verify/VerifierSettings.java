package io.github.npmprovenance.verify;

import io.github.npmprovenance.attestation.TrustMaterial;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryKeys;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * How a run verifies.
 *
 * @param concurrency registry requests in flight at once
 * @param trust the Sigstore trusted root and registry keys attestations are checked against
 * @param knownKeys registries known to sign, with their keys: such a registry serving no keys is an error, it signs
 *                  with these only, and keys any registry serves must not contradict them
 */
public record VerifierSettings(int concurrency, TrustMaterial trust, Map<URI, RegistryKeys> knownKeys) {

    public VerifierSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        Objects.requireNonNull(trust, "trust");
        knownKeys = Map.copyOf(knownKeys);
    }

    /** The public npm registry is known to sign with the trust material's registry keys. */
    public static VerifierSettings of(int concurrency, TrustMaterial trust) {
        return new VerifierSettings(concurrency, trust, Map.of(Registry.PUBLIC_NPM, trust.registryKeys()));
    }

    public VerifierSettings withKnownKeys(Map<URI, RegistryKeys> keys) {
        return new VerifierSettings(concurrency, trust, keys);
    }
}
