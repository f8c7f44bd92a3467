package io.github.npmprovenance.registry;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for registry requests, with hosts that bypass it ({@code *} wildcards, as Jenkins and most tools
 * write them). Serializable as plain values, so a controller can hand its proxy to an agent.
 */
public record ProxySettings(String host, int port, List<String> noProxyHosts)
        implements RegistryProxy, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ProxySettings {
        noProxyHosts = List.copyOf(noProxyHosts);
    }

    @Override
    public Optional<ProxyServer> proxyFor(URI uri) {
        String target = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bypass = noProxyHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> Pattern.compile(Pattern.quote(h.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")))
                .anyMatch(p -> p.matcher(target).matches());
        return bypass ? Optional.empty() : Optional.of(new ProxyServer(host, port, Optional.empty(), "the Jenkins proxy"));
    }
}
