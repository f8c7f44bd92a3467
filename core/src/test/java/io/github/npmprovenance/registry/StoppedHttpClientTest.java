package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Status;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client ends a request at its timeout on its selector thread. That thread can die: of an OutOfMemoryError
 * in a run whose heap a hostile registry or cache filled, which stopped a run for good, every request then waiting
 * for ever. Here it is stopped as such an error stops it.
 */
class StoppedHttpClientTest {

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().endsWith("-SelectorManager")).collect(Collectors.toSet());
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static boolean stop(Set<Thread> threads) {
        try {
            threads.forEach(Thread::stop);
            return !threads.isEmpty();
        } catch (UnsupportedOperationException e) {
            // JDK 20 and later stop no thread
            return false;
        }
    }

    @Test
    void aClientWhoseSelectorThreadDiedFailsItsRequestsRatherThanWaitingForEver() throws Exception {
        try (FixtureRegistry registry = FixtureRegistry.start()) {
            Registry fixture = new Registry(registry.url(), Optional.empty());
            Set<Thread> before = selectorThreads();
            RegistrySource source = new HttpRegistrySource(new HttpOptions(Duration.ofMillis(500), 1,
                    Duration.ofMillis(10), Duration.ofSeconds(1)), "npm-provenance-test");
            assertThat(source.keys(fixture)).isPresent();
            Set<Thread> started = selectorThreads();
            started.removeAll(before);
            assumeTrue(stop(started), "this JVM cannot stop a thread");
            TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0")
                    .add("tuf-js", "1.0.0");

            List<PackageResult> results = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> Verification.verify(lockfile, RegistryConfig.of(fixture), source));

            assertThat(results).extracting(PackageResult::status).containsOnly(Status.ERROR);
            assertThat(results).extracting(PackageResult::reason)
                    .allMatch(reason -> reason.contains("the HTTP client stopped answering"));
        }
    }
}
