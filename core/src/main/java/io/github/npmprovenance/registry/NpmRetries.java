package io.github.npmprovenance.registry;

import java.time.Duration;
import java.util.Optional;

/**
 * npm's retry settings where its configuration sets them: {@code fetch-retries}, {@code fetch-retry-mintimeout} and
 * {@code fetch-retry-maxtimeout} (milliseconds) and {@code fetch-retry-factor}.
 */
public record NpmRetries(Optional<Integer> retries, Optional<Duration> minTimeout, Optional<Double> factor,
        Optional<Duration> maxTimeout) {
    public static final NpmRetries NONE = new NpmRetries(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());
}
