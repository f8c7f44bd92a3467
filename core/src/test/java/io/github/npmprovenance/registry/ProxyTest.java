package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Registry requests go through a configured HTTP proxy (here a loopback server that answers for the registry). */
class ProxyTest {
    @Test
    void requestsGoThroughTheProxyUnlessTheHostIsExempt() throws Exception {
        try (FixtureRegistry proxy = FixtureRegistry.start(); FixtureRegistry direct = FixtureRegistry.start()) {
            HttpOptions viaProxy = Verification.FAST.withProxy(Optional.of(new ProxySettings("127.0.0.1",
                    proxy.url().getPort(), List.of("*.internal.example"))));
            // a host that does not resolve: only the proxy can reach it
            Registry unreachable = Registry.of("http://registry.npm.invalid/");

            var versions = new HttpRegistrySource(viaProxy, "test").versions(unreachable, "sigstore", Set.of("1.0.0"));

            assertThat(versions).containsKey("1.0.0");
            assertThat(proxy.requestCount("sigstore")).isEqualTo(1);

            HttpOptions exempt = Verification.FAST.withProxy(Optional.of(new ProxySettings("127.0.0.1", 9,
                    List.of("127.0.0.*"))));
            List<PackageResult> results = Verification.verify(new TestLockfile().add("sigstore", "1.0.0"),
                    RegistryConfig.of(new Registry(direct.url(), Optional.empty())),
                    new HttpRegistrySource(exempt, "test"));
            assertThat(results.get(0).status()).isEqualTo(Status.VERIFIED);
        }
    }
}
