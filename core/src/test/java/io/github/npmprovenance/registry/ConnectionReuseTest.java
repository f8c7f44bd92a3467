package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.Verification;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A connection to the registry serves request after request: no new TCP (and, in real use, TLS) set-up each; and
 * waiting for the end of a body after its document is short.
 */
class ConnectionReuseTest {
    @Test
    void everyKindOfDocumentLeavesTheConnectionToTheNextRequest() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            RegistrySource source = Verification.http();
            Registry fixture = new Registry(registry.url(), Optional.empty());
            registry.endBodiesLate();

            for (int i = 0; i < 10; i++) {
                assertThat(source.versions(fixture, "sigstore", Set.of("1.0.0"))).containsKey("1.0.0");
                assertThat(source.attestations(fixture, "sigstore", "1.0.0").path("attestations")).isNotEmpty();
                assertThat(source.keys(fixture)).isPresent();
            }

            assertThat(registry.requests()).hasSize(30);
            assertThat(registry.connections()).isEqualTo(1);
        }
    }

    @Test
    void aBodyThatDoesNotEndAfterItsDocumentCostsAMomentNotTheTimeout() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            registry.fault("sigstore", FixtureRegistry.Fault.DOCUMENT_THEN_STALL, 1);
            RegistrySource source = new HttpRegistrySource(new HttpOptions(Duration.ofSeconds(20), 0,
                    Duration.ofMillis(20), Duration.ofSeconds(5)), "npm-provenance-test");
            long start = System.nanoTime();

            Map<String, VersionMetadata> found = source.versions(new Registry(registry.url(), Optional.empty()),
                    "sigstore", Set.of("1.0.0"));

            assertThat(found.get("1.0.0").signatures()).isNotEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }
    }
}
