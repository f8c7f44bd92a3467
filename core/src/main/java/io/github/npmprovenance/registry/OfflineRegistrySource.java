package io.github.npmprovenance.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads a snapshot made by {@code snapshot}; never touches the network. */
public final class OfflineRegistrySource implements RegistrySource {
    private final LocalStore store;

    public OfflineRegistrySource(LocalStore store) {
        this.store = store;
    }

    @Override
    public Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        Map<String, VersionMetadata> found = new HashMap<>();
        for (String version : versions) {
            VersionMetadata metadata = store.readVersion(registry, name, version).orElseThrow(() ->
                    new RegistryException(RegistryException.Kind.OFFLINE_MISSING, name + "@" + version
                            + " is not in the offline snapshot " + store.root() + whyNot(registry)));
            found.put(version, metadata);
        }
        return found;
    }

    /**
     * A snapshot is recorded per registry URL: one holding nothing of this registry was recorded with another
     * registry configuration (--registry, .npmrc), which is what to fix, not the packages one by one.
     */
    private String whyNot(Registry registry) {
        return store.holdsRegistry(registry) ? " (or its entry is corrupt)"
                : ", which holds nothing from the registry " + registry.shown()
                        + ": it was recorded with another registry configuration (--registry, .npmrc)";
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode attestations(Registry registry, String name, String version)
            throws RegistryException {
        return store.readAttestations(registry, name, version).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.OFFLINE_MISSING, "the attestations of " + name + "@" + version
                        + " are not in the offline snapshot " + store.root() + " (or their entry is corrupt)"));
    }

    @Override
    public Optional<RegistryKeys> keys(Registry registry) throws RegistryException {
        return store.readKeys(registry).orElseThrow(() -> new RegistryException(
                RegistryException.Kind.OFFLINE_MISSING,
                "the keys of " + registry.shown() + " are not in the offline snapshot " + store.root()));
    }
}
