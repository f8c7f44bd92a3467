package io.github.npmprovenance.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.npmprovenance.registry.HttpOptions;
import io.github.npmprovenance.registry.HttpRegistrySource;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistryKeys;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.registry.VersionMetadata;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * What --concurrency promises: that many registry requests in flight, never more, attestations included; and that
 * fetching does not wait for any registry's keys.
 */
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

    @Test
    void packagesAreFetchedWhileEveryRegistrysKeysAreOnTheirWay() throws Exception {
        try (FixtureRegistry main = FixtureRegistry.start();
                FixtureRegistry scoped = FixtureRegistry.start("/npm/")) {
            CountDownLatch mainKeys = main.hold(FixtureRegistry.KEYS_PATH);
            CountDownLatch scopedKeys = scoped.hold(FixtureRegistry.KEYS_PATH);
            RegistryConfig config = new RegistryConfig(new Registry(main.url(), Optional.empty()),
                    Map.of("@playwright", new Registry(scoped.url(), Optional.empty())));
            TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0")
                    .add("@playwright/cli", "0.1.1");
            // a timeout longer than the holds, so that only the order of requests is at stake
            HttpRegistrySource source = new HttpRegistrySource(new HttpOptions(Duration.ofSeconds(20), 0,
                    Duration.ofMillis(20), Duration.ofSeconds(5)), "npm-provenance-test");

            CompletableFuture<List<PackageResult>> run = CompletableFuture.supplyAsync(
                    () -> Verification.verify(lockfile, config, source));
            boolean fetchedMeanwhile = waitFor(() -> main.requestCount("sigstore") == 1
                    && main.requestCount("tuf-js") == 1 && scoped.requestCount("@playwright%2fcli") == 1
                    && main.requestCount(FixtureRegistry.KEYS_PATH) == 1
                    && scoped.requestCount(FixtureRegistry.KEYS_PATH) == 1);
            mainKeys.countDown();
            scopedKeys.countDown();
            List<PackageResult> results = run.get(30, TimeUnit.SECONDS);

            // both registries were asked for their keys at once, and for every package before either answered
            assertThat(fetchedMeanwhile).isTrue();
            // and the checks used the keys once they came
            assertThat(Verification.result(results, "sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
            assertThat(Verification.result(results, "tuf-js@1.0.0").status()).isEqualTo(Status.VERIFIED);
            assertThat(Verification.result(results, "@playwright/cli@0.1.1").status()).isEqualTo(Status.UNSIGNED);
        }
    }

    private static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
