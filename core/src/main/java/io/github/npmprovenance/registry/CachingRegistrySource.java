package io.github.npmprovenance.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Serves published versions from a {@link LocalStore} and fetches only what it lacks. A published version's
 * {@code dist} never changes, so cached entries need no expiry; versions the registry does not have are not
 * cached, and keys are always asked of the registry (they rotate) but recorded when making a snapshot.
 */
public final class CachingRegistrySource implements RegistrySource {
    private final LocalStore store;
    private final RegistrySource delegate;
    private final boolean recordKeys;

    public CachingRegistrySource(LocalStore store, RegistrySource delegate, boolean recordKeys) {
        this.store = store;
        this.delegate = delegate;
        this.recordKeys = recordKeys;
    }

    @Override
    public Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        Map<String, VersionMetadata> found = new HashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String version : versions) {
            store.readVersion(registry, name, version).ifPresentOrElse(m -> found.put(version, m),
                    () -> missing.add(version));
        }
        if (!missing.isEmpty()) {
            Map<String, VersionMetadata> fetched = delegate.versions(registry, name, missing);
            for (VersionMetadata metadata : fetched.values()) {
                try {
                    store.writeVersion(registry, metadata);
                } catch (IOException e) {
                    // a cache that cannot be written only costs time; a snapshot must be complete
                    if (recordKeys) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            found.putAll(fetched);
        }
        return found;
    }

    /** An attestations response never changes for a published version: cached like its metadata. */
    @Override
    public com.fasterxml.jackson.databind.JsonNode attestations(Registry registry, String name, String version)
            throws RegistryException {
        var cached = store.readAttestations(registry, name, version);
        if (cached.isPresent()) {
            return cached.get();
        }
        var fetched = delegate.attestations(registry, name, version);
        try {
            store.writeAttestations(registry, name, version, fetched);
        } catch (IOException e) {
            if (recordKeys) {
                throw new UncheckedIOException(e);
            }
        }
        return fetched;
    }

    @Override
    public Optional<RegistryKeys> keys(Registry registry) throws RegistryException {
        Optional<RegistryKeys> keys = delegate.keys(registry);
        if (recordKeys) {
            try {
                store.writeKeys(registry, keys);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }
}
