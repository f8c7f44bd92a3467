package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.registry.VersionMetadata;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A registry source that forwards everything, to another registry if given; tests override what they change. */
public class ForwardingRegistrySource implements RegistrySource {
    private final RegistrySource delegate;
    private final Optional<Registry> target;

    /** @param target when present, every request goes to this registry instead of the one asked for */
    public ForwardingRegistrySource(RegistrySource delegate, Optional<Registry> target) {
        this.delegate = delegate;
        this.target = target;
    }

    private Registry to(Registry registry) {
        return target.orElse(registry);
    }

    @Override
    public Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        return delegate.versions(to(registry), name, versions);
    }

    @Override
    public JsonNode attestations(Registry registry, String name, String version) throws RegistryException {
        return delegate.attestations(to(registry), name, version);
    }

    @Override
    public Optional<RegistryKeys> keys(Registry registry) throws RegistryException {
        return delegate.keys(to(registry));
    }
}
