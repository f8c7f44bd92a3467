package io.github.npmprovenance.registry;

import java.util.Map;
import java.util.Objects;

/** Which registry serves which package, as npm decides it: per-scope registries, else the default. */
public record RegistryConfig(Registry defaultRegistry, Map<String, Registry> scopes) {
    public RegistryConfig {
        Objects.requireNonNull(defaultRegistry, "defaultRegistry");
        scopes = Map.copyOf(scopes);
    }

    public static RegistryConfig of(Registry registry) {
        return new RegistryConfig(registry, Map.of());
    }

    public Registry registryFor(String packageName) {
        if (packageName.startsWith("@")) {
            int slash = packageName.indexOf('/');
            if (slash > 0) {
                Registry scoped = scopes.get(packageName.substring(0, slash));
                if (scoped != null) {
                    return scoped;
                }
            }
        }
        return defaultRegistry;
    }
}
