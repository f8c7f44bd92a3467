package io.github.npmprovenance.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy that registry requests go through.
 *
 * @param host the proxy's host
 * @param port its port
 * @param basicCredentials base64 {@code user:password} for {@code Proxy-Authorization: Basic}, as npm's proxy
 *     agents send it with every request; never printed
 * @param setting where it was configured (a variable, or file, line and key), for messages
 */
public record ProxyServer(String host, int port, Optional<String> basicCredentials, String setting) {
    public ProxyServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(basicCredentials, "basicCredentials");
        Objects.requireNonNull(setting, "setting");
    }

    /** The proxy as messages show it: never its credentials, which a proxy URL holds in clear. */
    @Override
    public String toString() {
        return "proxy " + host + ":" + port + (basicCredentials.isPresent() ? " (with credentials)" : "")
                + " from " + setting;
    }
}
