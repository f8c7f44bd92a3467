package io.github.npmprovenance.registry;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy decided for each registry origin a run contacts ({@code scheme://host[:port]}). npm decides per request
 * URL, but only from its scheme and host, so deciding once per configured origin is the same decision, and lets a
 * bad setting fail the run before any request. An origin not decided is refused rather than contacted directly.
 */
public record ProxyRoutes(Map<String, Optional<ProxyServer>> byOrigin) implements RegistryProxy {
    public ProxyRoutes {
        byOrigin = Map.copyOf(byOrigin);
    }

    /** Another proxy's decisions, taken once for each registry rather than for every request. */
    public static ProxyRoutes decide(Collection<Registry> registries, RegistryProxy proxy) throws RegistryException {
        Map<String, Optional<ProxyServer>> routes = new LinkedHashMap<>();
        for (Registry registry : registries) {
            Optional<ProxyServer> route = proxy.proxyFor(registry.baseUri());
            boolean tunnel = registry.baseUri().getScheme().equals("https");
            if (route.isPresent() && route.get().basicCredentials().isPresent()
                    && ProxyAuthentication.basicDisabled(tunnel)) {
                // sent without them, the requests would fail with 407 or pass without the identity configured; the
                // caller's JVM (a Jenkins agent's) is not ours to change, so it is refused, saying what to set
                throw new RegistryException(RegistryException.Kind.INVALID_REQUEST, route.get().setting()
                        + ": the proxy's user and password would be dropped by this Java runtime for "
                        + registry.origin() + " (Basic is in " + ProxyAuthentication.property(tunnel)
                        + "); start this Java with -D" + ProxyAuthentication.property(tunnel) + "=");
            }
            routes.put(registry.origin(), route);
        }
        return new ProxyRoutes(routes);
    }

    @Override
    public Optional<ProxyServer> proxyFor(URI uri) throws RegistryException {
        Optional<ProxyServer> route = byOrigin.get(origin(uri));
        if (route == null) {
            throw new RegistryException(RegistryException.Kind.INVALID_REQUEST,
                    "no proxy decision for " + origin(uri) + ", which is not a configured registry");
        }
        return route;
    }

    /** As {@link Registry#origin()} spells it: requests are built from a registry's normalized base URL. */
    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
