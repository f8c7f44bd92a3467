package io.github.npmprovenance.verify;

import io.github.npmprovenance.registry.RegistryKeys;
import java.util.Optional;
import java.util.Set;

/**
 * What is known about one registry's signing keys for this run.
 *
 * @param keys the keys, when the registry publishes them and they could be obtained
 * @param outcome {@link Outcome#PASS} with keys, {@link Outcome#SKIPPED} when the registry has none,
 *                {@link Outcome#ERROR} when they could not be obtained or cannot be trusted
 * @param code why they are missing
 * @param message plain-language cause
 * @param notTrusted key ids a registry known to sign serves beyond its known keys, which sign nothing
 */
public record SigningKeys(Optional<RegistryKeys> keys, Outcome outcome, String code, String message,
        Set<String> notTrusted) {
    public SigningKeys {
        notTrusted = Set.copyOf(notTrusted);
    }

    static SigningKeys of(RegistryKeys keys, Set<String> notTrusted) {
        return new SigningKeys(Optional.of(keys), Outcome.PASS, "", "", notTrusted);
    }

    static SigningKeys none() {
        return new SigningKeys(Optional.empty(), Outcome.SKIPPED, "REGISTRY_HAS_NO_KEYS",
                "registry publishes no signing keys", Set.of());
    }

    static SigningKeys error(String code, String message) {
        return new SigningKeys(Optional.empty(), Outcome.ERROR, code, message, Set.of());
    }
}
