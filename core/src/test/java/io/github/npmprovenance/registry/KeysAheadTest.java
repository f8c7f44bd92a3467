package io.github.npmprovenance.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingRegistrySource;
import io.github.npmprovenance.testing.Verification;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeysAheadTest {
    private final FixtureRegistry registry = FixtureRegistry.start();
    private final Registry fixture = new Registry(registry.url(), Optional.empty());

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void keysFetchedAheadAreAskedOfTheRegistryOnce() throws Exception {
        KeysAhead keys = new KeysAhead(Verification.http());
        keys.prefetch(fixture);

        Optional<RegistryKeys> first = keys.keys(fixture);
        Optional<RegistryKeys> again = keys.keys(fixture);

        assertThat(first).isPresent().isEqualTo(again);
        assertThat(registry.requestCount("-/npm/v1/keys")).isEqualTo(1);
    }

    @Test
    void aFailureWhileFetchingAheadReachesTheCallerAsItsRegistryError() {
        registry.close();
        KeysAhead keys = new KeysAhead(Verification.http());
        keys.prefetch(fixture);

        // which registry could not be reached, and why, though Java's exception says neither
        assertThatThrownBy(() -> keys.keys(fixture)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("connection failed to 127.0.0.1:" + fixture.baseUri().getPort()
                        + " (ConnectException: refused, or no route to it)");
    }

    @Test
    void anUnexpectedFailureIsRethrownAsItself() {
        KeysAhead keys = new KeysAhead(new ForwardingRegistrySource(Verification.http(), Optional.empty()) {
            @Override
            public Optional<RegistryKeys> keys(Registry registry) {
                throw new IllegalStateException("snapshot not writable");
            }
        });

        assertThatThrownBy(() -> keys.keys(fixture)).isInstanceOf(IllegalStateException.class)
                .hasMessage("snapshot not writable");
    }
}
