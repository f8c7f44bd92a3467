package io.github.npmprovenance.verify;

import io.github.npmprovenance.registry.RegistryKeys;
import java.util.Optional;

/**
 * What is known about one registry's signing keys for this run.
 *
 * @param keys the keys, when the registry publishes them and they could be obtained
 * @param outcome {@link Outcome#PASS} with keys, {@link Outcome#SKIPPED} when the registry has none,
 *                {@link Outcome#ERROR} when they could not be obtained or cannot be trusted
 * @param code why they are missing
 * @param message plain-language cause
 */
public record SigningKeys(Optional<RegistryKeys> keys, Outcome outcome, String code, String message) {
    static SigningKeys of(RegistryKeys keys) {
        return new SigningKeys(Optional.of(keys), Outcome.PASS, "", "");
    }

    static SigningKeys none() {
        return new SigningKeys(Optional.empty(), Outcome.SKIPPED, "REGISTRY_HAS_NO_KEYS",
                "registry publishes no signing keys");
    }

    static SigningKeys error(String code, String message) {
        return new SigningKeys(Optional.empty(), Outcome.ERROR, code, message);
    }
}
