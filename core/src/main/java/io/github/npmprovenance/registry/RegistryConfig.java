package io.github.npmprovenance.registry;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Which registry serves which package, as npm decides it: per-scope registries, else the default. */
public record RegistryConfig(Registry defaultRegistry, Map<String, Registry> scopes) {
    public RegistryConfig {
        Objects.requireNonNull(defaultRegistry, "defaultRegistry");
        scopes = Map.copyOf(scopes);
    }

    public static RegistryConfig of(Registry registry) {
        return new RegistryConfig(registry, Map.of());
    }

    /**
     * The same registries, the one at this address sending this token instead of npm's credentials (a client
     * certificate npm's configuration sets for it is still presented, as npm presents it beside a token). Only that
     * address gets it: the registry of unscoped packages may be another, chosen by the project's npm scope.
     */
    public RegistryConfig withToken(String registryUrl, String token) {
        URI registry = Registry.normalize(URI.create(registryUrl));
        UnaryOperator<Registry> sending = r -> r.baseUri().equals(registry)
                ? new Registry(r.baseUri(), Optional.of(token), Optional.empty(), r.clientCertificate(), r.redaction())
                : r;
        Map<String, Registry> withToken = new HashMap<>();
        scopes.forEach((scope, r) -> withToken.put(scope, sending.apply(r)));
        return new RegistryConfig(sending.apply(defaultRegistry), withToken);
    }

    public Registry registryFor(String packageName) {
        return scopeOf(packageName).map(scopes::get).orElse(defaultRegistry);
    }

    /** The {@code @scope} of a scoped package name, which picks its registry. */
    public static Optional<String> scopeOf(String packageName) {
        int slash = packageName.indexOf('/');
        return packageName.startsWith("@") && slash > 0 ? Optional.of(packageName.substring(0, slash))
                : Optional.empty();
    }
}
