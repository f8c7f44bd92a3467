package io.github.npmprovenance.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Which registry requests go through which HTTP proxy. */
public sealed interface RegistryProxy permits ProxySettings, ProxyRoutes {
    /**
     * The proxy for a request to this URL, or empty to connect directly.
     *
     * @throws RegistryException the URL is on an origin no decision was made for
     */
    Optional<ProxyServer> proxyFor(URI uri) throws RegistryException;

    /** The same decisions, for {@link java.net.http.HttpClient}. */
    default ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                try {
                    return List.of(proxyFor(uri).map(p -> new Proxy(Proxy.Type.HTTP,
                            InetSocketAddress.createUnresolved(p.host(), p.port()))).orElse(Proxy.NO_PROXY));
                } catch (RegistryException e) {
                    // the fetcher asks proxyFor before every request, so it never gets here with such a URL
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // the request itself reports the failure
            }
        };
    }
}
