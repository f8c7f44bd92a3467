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
 * @param knownKeys registries known to sign, with their keys: such a registry serving no keys is an error, and keys
 *                  it serves must not contradict these
 * @param knownKeysOnly whether keys a known registry serves beyond its known ones are ignored: so when the keys
 *                      come from an offline snapshot, which whoever wrote it could have added a key of theirs to,
 *                      or over TLS the project's .npmrc chose the authorities for (and, always, over plain HTTP)
 */
public record VerifierSettings(int concurrency, TrustMaterial trust, Map<URI, RegistryKeys> knownKeys,
        boolean knownKeysOnly) {

    public VerifierSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        Objects.requireNonNull(trust, "trust");
        knownKeys = Map.copyOf(knownKeys);
    }

    /** The public npm registry is known to sign with the trust material's registry keys. */
    public static VerifierSettings of(int concurrency, TrustMaterial trust) {
        return new VerifierSettings(concurrency, trust, Map.of(Registry.PUBLIC_NPM, trust.registryKeys()), false);
    }

    public VerifierSettings withKnownKeys(Map<URI, RegistryKeys> keys) {
        return new VerifierSettings(concurrency, trust, keys, knownKeysOnly);
    }

    /**
     * Keys come from storage, or over TLS whose authorities the project chose, not for certain from the registry
     * itself: a known registry's unknown keys are not used.
     */
    public VerifierSettings withKnownKeysOnly() {
        return new VerifierSettings(concurrency, trust, knownKeys, true);
    }
}
