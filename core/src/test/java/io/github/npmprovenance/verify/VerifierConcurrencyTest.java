package io.github.npmprovenance.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.registry.VersionMetadata;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What --concurrency promises: that many registry requests in flight, never more, attestations included. */
class VerifierConcurrencyTest {

    /** Answers every request after a pause, listing attestations for every version, and counts calls in flight. */
    private static final class SlowRegistry implements RegistrySource {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final AtomicInteger attestationCalls = new AtomicInteger();

        private <T> T slowly(T answer) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return answer;
        }

        @Override
        public Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions) {
            JsonNode listed = new ObjectMapper().createObjectNode().putObject("provenance")
                    .put("predicateType", "https://slsa.dev/provenance/v1");
            String version = versions.iterator().next();
            return slowly(Map.of(version, new VersionMetadata(name, version, Optional.empty(), List.of(),
                    Optional.of(listed), Optional.empty())));
        }

        @Override
        public JsonNode attestations(Registry registry, String name, String version) throws RegistryException {
            attestationCalls.incrementAndGet();
            return slowly(new ObjectMapper().createObjectNode().putArray("attestations"));
        }

        @Override
        public Optional<RegistryKeys> keys(Registry registry) {
            return Optional.empty();
        }
    }

    @Test
    void requestsInFlightReachTheConcurrencyAndNeverExceedIt() {
        TestLockfile lockfile = new TestLockfile();
        for (int i = 0; i < 24; i++) {
            lockfile.add("pkg-" + i, "1.0.0", "sha512-" + java.util.Base64.getEncoder().encodeToString(new byte[64]));
        }
        SlowRegistry registry = new SlowRegistry();

        List<PackageResult> results = Verification.verify(lockfile,
                RegistryConfig.of(new Registry(URI.create("http://127.0.0.1:9/"), Optional.empty())), registry);

        // Verification runs with a concurrency of 4
        assertThat(registry.maxInFlight.get()).isEqualTo(4);
        assertThat(registry.attestationCalls.get()).isEqualTo(24);
        // every package has its own result, and none passes on the empty attestations answer
        assertThat(results).hasSize(24).allSatisfy(r -> assertThat(r.status()).isNotIn(Status.VERIFIED, Status.SIGNED));
    }
}
