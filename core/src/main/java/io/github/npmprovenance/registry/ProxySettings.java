package io.github.npmprovenance.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for registry requests, with hosts that bypass it ({@code *} wildcards, as Jenkins and most tools
 * write them). Serializable as plain values, so a controller can hand its proxy to an agent.
 */
public record ProxySettings(String host, int port, List<String> noProxyHosts) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ProxySettings {
        noProxyHosts = List.copyOf(noProxyHosts);
    }

    ProxySelector selector() {
        List<Pattern> bypass = noProxyHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> Pattern.compile(Pattern.quote(h.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")))
                .toList();
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String target = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
                return bypass.stream().anyMatch(p -> p.matcher(target).matches()) ? List.of(Proxy.NO_PROXY)
                        : List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // the request itself reports the failure
            }
        };
    }
}
