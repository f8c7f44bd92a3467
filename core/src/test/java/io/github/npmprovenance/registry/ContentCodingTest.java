package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.FixtureRegistry.Fault;
import io.github.npmprovenance.testing.FixtureRegistry.Request;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Registries elsewhere are asked for gzip, as npm asks; a registry on this machine is asked for documents as they
 * are, since compressing them would cost it and us CPU and save no time.
 */
class ContentCodingTest {
    private static final TestLockfile LOCKFILE = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0");

    @Test
    void aRegistryOnThisMachineIsAskedForUncompressedDocuments() {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            List<PackageResult> results = Verification.verify(LOCKFILE, registry);

            assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
            assertThat(registry.requests()).isNotEmpty().extracting(Request::acceptEncoding)
                    .containsOnly(Optional.of("identity"));
        }
    }

    @Test
    void aRegistryElsewhereIsAskedForGzipAndItsGzippedDocumentsAreRead() {
        try (FixtureRegistry proxy = FixtureRegistry.start()) {
            proxy.fault("sigstore", Fault.GZIPPED, 100);
            HttpOptions viaProxy = Verification.FAST.withProxy(Optional.of(new ProxySettings("127.0.0.1",
                    proxy.url().getPort(), List.of())));
            // a host that does not resolve: only the proxy, which answers for it, can reach it
            Registry elsewhere = Registry.of("http://registry.npm.invalid/");

            List<PackageResult> results = Verification.verify(LOCKFILE, RegistryConfig.of(elsewhere),
                    new HttpRegistrySource(viaProxy, "test"));

            assertThat(results).extracting(PackageResult::status).containsOnly(Status.VERIFIED);
            assertThat(proxy.requestCount("sigstore")).isEqualTo(1);
            assertThat(proxy.requests()).isNotEmpty().extracting(Request::acceptEncoding)
                    .containsOnly(Optional.of("gzip"));
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "http://localhost:4873/,              true",
        "http://LOCALHOST/,                   true",
        "http://127.0.0.1:4873/,              true",
        "http://127.1.2.3/npm/,               true",
        "http://[::1]:4873/,                  true",
        "http://verdaccio.localhost/,         true",
        "https://registry.npmjs.org/,         false",
        "http://10.0.0.1/,                    false",
        "http://[::2]/,                       false",
        "http://localhost.example.com/,       false",
        "http://127.0.0.1.nip.io/,            false",
        "http://0.0.0.0/,                     false"
    })
    void onlyLocalhostAndLoopbackAddressesAreThisMachine(String url, boolean onThisMachine) {
        assertThat(Registry.of(url).isOnThisMachine()).isEqualTo(onThisMachine);
    }
}
