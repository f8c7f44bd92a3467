package io.github.npmprovenance.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP proxy for registry requests given by the caller, with hosts that bypass it ({@code *} wildcards, as
 * Jenkins and most tools write them). Serializable as plain values, so a controller can hand its proxy to an agent.
 *
 * @param basicCredentials base64 {@code user:password} for {@code Proxy-Authorization: Basic}, or empty; never
 *     printed
 * @param origin where the proxy was configured, as messages about it name it (e.g. {@code the Jenkins proxy})
 */
public record ProxySettings(String host, int port, List<String> noProxyHosts, String basicCredentials, String origin)
        implements RegistryProxy, java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public ProxySettings {
        noProxyHosts = List.copyOf(noProxyHosts);
        basicCredentials = basicCredentials == null ? "" : basicCredentials;
        origin = origin == null || origin.isBlank() ? "the configured proxy" : origin;
    }

    /** A proxy that asks for no credentials. */
    public ProxySettings(String host, int port, List<String> noProxyHosts) {
        this(host, port, noProxyHosts, "", "");
    }

    /** The same proxy, named in messages as configured in {@code origin}. */
    public ProxySettings from(String origin) {
        return new ProxySettings(host, port, noProxyHosts, basicCredentials, origin);
    }

    /** With the user and password the proxy asks for, as a CI server's proxy configuration holds them. */
    public ProxySettings withUser(String user, String password) {
        if (user == null || user.isEmpty()) {
            return new ProxySettings(host, port, noProxyHosts, "", origin);
        }
        String pair = user + ":" + (password == null ? "" : password);
        return new ProxySettings(host, port, noProxyHosts,
                Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)), origin);
    }

    @Override
    public Optional<ProxyServer> proxyFor(URI uri) {
        String target = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        boolean bypass = noProxyHosts.stream().map(String::trim).filter(h -> !h.isEmpty())
                .map(h -> Pattern.compile(Pattern.quote(h.toLowerCase(Locale.ROOT)).replace("*", "\\E.*\\Q")))
                .anyMatch(p -> p.matcher(target).matches());
        Optional<String> credentials = basicCredentials.isEmpty() ? Optional.empty() : Optional.of(basicCredentials);
        return bypass ? Optional.empty() : Optional.of(new ProxyServer(host, port, credentials, origin));
    }

    /** The record's own would print the credentials, into an agent's log among others. */
    @Override
    public String toString() {
        return "ProxySettings[" + host + ":" + port + ", noProxyHosts=" + noProxyHosts
                + (basicCredentials.isEmpty() ? "" : ", with credentials") + "]";
    }
}
