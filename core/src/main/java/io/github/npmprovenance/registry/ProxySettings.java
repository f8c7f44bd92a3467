package io.github.npmprovenance.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for registry requests, with hosts that bypass it ({@code *} wildcards, as Jenkins and most tools
 * write them). Serializable as plain values, so a controller can hand its proxy to an agent.
 *
 * @param basicCredentials base64 {@code user:password} for {@code Proxy-Authorization: Basic}, or empty; never
 *     printed
 */
public record ProxySettings(String host, int port, List<String> noProxyHosts, String basicCredentials)
        implements RegistryProxy, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ProxySettings {
        noProxyHosts = List.copyOf(noProxyHosts);
        basicCredentials = basicCredentials == null ? "" : basicCredentials;
    }

    /** A proxy that asks for no credentials. */
    public ProxySettings(String host, int port, List<String> noProxyHosts) {
        this(host, port, noProxyHosts, "");
    }

    /** With the user and password the proxy asks for, as Jenkins' proxy configuration holds them. */
    public ProxySettings withUser(String user, String password) {
        if (user == null || user.isEmpty()) {
            return new ProxySettings(host, port, noProxyHosts, "");
        }
        String pair = user + ":" + (password == null ? "" : password);
        return new ProxySettings(host, port, noProxyHosts,
                Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Optional<ProxyServer> proxyFor(URI uri) {
        String target = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bypass = noProxyHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> Pattern.compile(Pattern.quote(h.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")))
                .anyMatch(p -> p.matcher(target).matches());
        Optional<String> credentials = basicCredentials.isEmpty() ? Optional.empty() : Optional.of(basicCredentials);
        return bypass ? Optional.empty() : Optional.of(new ProxyServer(host, port, credentials, "the Jenkins proxy"));
    }

    /** The record's own would print the credentials, into an agent's log among others. */
    @Override
    public String toString() {
        return "ProxySettings[" + host + ":" + port + ", noProxyHosts=" + noProxyHosts
                + (basicCredentials.isEmpty() ? "" : ", with credentials") + "]";
    }
}
