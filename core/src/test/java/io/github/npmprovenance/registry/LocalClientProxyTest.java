package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Without proxy routes of its own (a bare registry source), the client follows Java's default proxy selector, which
 * may send a registry on this machine through a proxy ({@code -Dhttp.proxyHost} with an {@code http.nonProxyHosts}
 * that does not list it): such a request is not one for the client that works on its selector thread.
 */
class LocalClientProxyTest {
    @Test
    void aRegistryOnThisMachineThatJavasProxySelectorProxiesDoesNotGetTheSelectorThreadClient() throws Exception {
        ProxySelector previous = ProxySelector.getDefault();
        try (FixtureRegistry proxy = FixtureRegistry.start()) {
            int closedPort;
            try (ServerSocket closed = new ServerSocket(0)) {
                closedPort = closed.getLocalPort();
            }
            ProxySelector.setDefault(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(new Proxy(Proxy.Type.HTTP,
                            InetSocketAddress.createUnresolved("127.0.0.1", proxy.url().getPort())));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress address, IOException e) {
                }
            });
            HttpOptions options = new HttpOptions(Duration.ofSeconds(10), 0, Duration.ZERO, Duration.ofSeconds(5));
            HttpFetcher fetcher = new HttpFetcher(options, "test");

            byte[] answer = fetcher.get(new Registry(URI.create("http://127.0.0.1:" + closedPort + "/"),
                    Optional.empty()), "sigstore", "sigstore", java.io.InputStream::readAllBytes);

            // answered by the proxy: the registry's own port is closed
            assertThat(answer).isNotEmpty();
            assertThat(proxy.requestCount("sigstore")).isEqualTo(1);
            java.lang.reflect.Field local = HttpFetcher.class.getDeclaredField("localClient");
            local.setAccessible(true);
            assertThat(local.get(fetcher)).isNull();
        } finally {
            ProxySelector.setDefault(previous);
        }
    }
}
