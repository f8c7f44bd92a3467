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
        return scopeOf(packageName).map(scopes::get).orElse(defaultRegistry);
    }

    /** The {@code @scope} of a scoped package name, which picks its registry. */
    public static java.util.Optional<String> scopeOf(String packageName) {
        int slash = packageName.indexOf('/');
        return packageName.startsWith("@") && slash > 0 ? java.util.Optional.of(packageName.substring(0, slash))
                : java.util.Optional.empty();
    }
}
