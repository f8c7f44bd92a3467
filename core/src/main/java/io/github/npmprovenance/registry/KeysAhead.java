package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Asks each registry for its keys once per run, and can start asking before they are needed: the request, and
 * the HTTP client's start-up with it, then overlap reading the lockfile instead of delaying the first package.
 */
public final class KeysAhead implements RegistrySource {
    private final RegistrySource delegate;
    private final Map<Registry, CompletableFuture<Optional<RegistryKeys>>> keys = new ConcurrentHashMap<>();

    public KeysAhead(RegistrySource delegate) {
        this.delegate = delegate;
    }

    /** Starts fetching the registry's keys in the background. */
    public void prefetch(Registry registry) {
        future(registry);
    }

    @Override
    public Optional<RegistryKeys> keys(Registry registry) throws RegistryException {
        try {
            return future(registry).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RegistryException registryException) {
                throw registryException;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    @Override
    public Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        return delegate.versions(registry, name, versions);
    }

    @Override
    public Map<String, Optional<VersionMetadata>> refetch(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        return delegate.refetch(registry, name, versions);
    }

    @Override
    public JsonNode attestations(Registry registry, String name, String version) throws RegistryException {
        return delegate.attestations(registry, name, version);
    }

    private CompletableFuture<Optional<RegistryKeys>> future(Registry registry) {
        return keys.computeIfAbsent(registry, r -> CompletableFuture.supplyAsync(() -> {
            try {
                return delegate.keys(r);
            } catch (RegistryException e) {
                throw new CompletionException(e);
            }
        }, task -> {
            Thread thread = new Thread(task, "npm-provenance-keys");
            thread.setDaemon(true);
            thread.start();
        }));
    }
}
