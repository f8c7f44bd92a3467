package io.github.npmprovenance.registry;

import java.time.Duration;

/**
 * Network behaviour.
 *
 * @param timeout per request, until the response headers arrive
 * @param retries further attempts after a timeout, a reset connection, 429 or 5xx
 * @param backoff the first retry's delay; doubled each time, with jitter
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the request at once
 */
public record HttpOptions(Duration timeout, int retries, Duration backoff, Duration maxRetryAfter) {
    public static HttpOptions defaults() {
        return new HttpOptions(Duration.ofSeconds(30), 3, Duration.ofMillis(250), Duration.ofSeconds(60));
    }

    public HttpOptions {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
    }
}
