package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where registry data comes from: the network, a cache in front of it, or an offline snapshot. */
public interface RegistrySource {

    /**
     * The requested versions of one package. A version missing from the result is not published on that
     * registry. Fails as a whole when the package's document cannot be obtained.
     */
    Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions)
            throws RegistryException;

    /**
     * The attestations response of one version, {@code GET <registry>/-/npm/v1/attestations/<name>@<version>}, as
     * served. Asked only for versions whose metadata lists attestations.
     */
    JsonNode attestations(Registry registry, String name, String version) throws RegistryException;

    /**
     * The versions asked of the registry again, past what a store in front of it holds, which they then replace:
     * each version asked, with its document, or none when the registry no longer lists it. Empty from a source that
     * stores nothing, whose answer would be the same.
     */
    default Map<String, Optional<VersionMetadata>> refetch(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        return Map.of();
    }

    /** The registry's signing keys; empty when the registry publishes none (its keys endpoint is absent). */
    Optional<RegistryKeys> keys(Registry registry) throws RegistryException;
}
