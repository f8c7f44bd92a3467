package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.npmprovenance.testing.FixtureRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An interrupted fetch (a run cancelled, a Jenkins build aborted: the verifier interrupts its fetchers) ends at
 * once, wherever it waits, and does not try again.
 */
class InterruptTest {
    @Test
    void aFetchInterruptedWhileItsBodyStallsEndsAtOnceWithoutRetrying() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            registry.fault("sigstore", FixtureRegistry.Fault.STALLED_BODY, 100);
            RegistrySource source = new HttpRegistrySource(new HttpOptions(Duration.ofSeconds(20), 3,
                    Duration.ofMillis(20), Duration.ofSeconds(5)), "npm-provenance-test");
            Registry fixture = new Registry(registry.url(), Optional.empty());
            CompletableFuture<Thread> fetcher = new CompletableFuture<>();
            CompletableFuture<String> outcome = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                fetcher.complete(Thread.currentThread());
                try {
                    source.versions(fixture, "sigstore", Set.of("1.0.0"));
                    outcome.complete("no failure");
                } catch (RegistryException e) {
                    outcome.complete(e.getMessage() + (Thread.currentThread().isInterrupted() ? " [interrupted]" : ""));
                }
            });
            thread.start();
            // the headers and a third of the body are in: the reader waits for the rest
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (registry.requestCount("sigstore") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            long start = System.nanoTime();

            fetcher.get().interrupt();

            String message = outcome.get(20, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(message).contains("metadata of sigstore").contains("interrupted").endsWith("[interrupted]");
            assertThat(registry.requestCount("sigstore")).isEqualTo(1);
        }
    }
}
