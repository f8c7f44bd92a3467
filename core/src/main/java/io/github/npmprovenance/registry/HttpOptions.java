package io.github.npmprovenance.registry;

import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Network behaviour.
 *
 * @param timeout per request, for the response headers and again for the body
 * @param retries further attempts after a timeout, a reset connection, 408, 420, 429 or 5xx
 * @param backoff the first retry's delay, multiplied by {@code backoffFactor} for each further one, up to
 *     {@code maxBackoff}: npm's {@code fetch-retry-mintimeout}, {@code fetch-retry-factor} and
 *     {@code fetch-retry-maxtimeout}
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the request at once
 * @param proxy the HTTP proxy each request goes through; when empty, a {@code VerificationRun} decides it from
 *     npm's configuration (a bare {@link HttpRegistrySource} then follows Java's default proxy selector)
 * @param trust the certificate authorities HTTPS registries are checked against, when npm's {@code ca} or
 *     {@code cafile} names them, or {@code NODE_EXTRA_CA_CERTS} adds some; when empty, the JVM's trust store
 * @param certificateChecksOffBy where npm's configuration turns npm's certificate check off ({@code strict-ssl=false}),
 *     which is not followed: named when a certificate is refused, since npm would have connected
 * @param retriesGiven whether the caller chose {@code retries}; else npm's {@code fetch-retries} may
 * @param scheduleGiven whether the caller chose the backoff; else npm's {@code fetch-retry-*} settings may
 */
public record HttpOptions(Duration timeout, int retries, Duration backoff, Duration maxRetryAfter,
        Optional<RegistryProxy> proxy, Optional<X509TrustManager> trust, Optional<String> certificateChecksOffBy,
        double backoffFactor, Duration maxBackoff, boolean retriesGiven, boolean scheduleGiven) {
    /**
     * npm's own: two retries, after 10 s and then 60 s, so that a registry restarting or a proxy's blip of a few
     * seconds does not fail the run; npm's configuration may set others.
     */
    public static HttpOptions defaults() {
        return new HttpOptions(Duration.ofSeconds(30), 2, Duration.ofSeconds(10), Duration.ofSeconds(60),
                Optional.empty(), Optional.empty(), Optional.empty(), 10, Duration.ofSeconds(60), false, false);
    }

    /** A schedule of the caller's own, doubling from {@code backoff}, which npm's configuration does not change. */
    public HttpOptions(Duration timeout, int retries, Duration backoff, Duration maxRetryAfter) {
        this(timeout, retries, backoff, maxRetryAfter, Optional.empty(), Optional.empty(), Optional.empty(), 2,
                Duration.ofSeconds(60), true, true);
    }

    public HttpOptions {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        if (!(backoffFactor > 0) || Double.isInfinite(backoffFactor)) {
            throw new IllegalArgumentException("the backoff factor must be a positive number");
        }
        java.util.Objects.requireNonNull(proxy, "proxy");
        java.util.Objects.requireNonNull(trust, "trust");
        java.util.Objects.requireNonNull(certificateChecksOffBy, "certificateChecksOffBy");
    }

    /** The wait before retry number {@code attempt + 1}: npm's, {@code backoff × factor^attempt}, at most the maximum. */
    Duration delay(int attempt) {
        double millis = backoff.toMillis() * Math.pow(backoffFactor, attempt);
        return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
    }

    public HttpOptions withTimeout(Duration value) {
        return new HttpOptions(value, retries, backoff, maxRetryAfter, proxy, trust, certificateChecksOffBy,
                backoffFactor, maxBackoff, retriesGiven, scheduleGiven);
    }

    /** Retries the caller chose, which npm's configuration does not change. */
    public HttpOptions withRetries(int value) {
        return new HttpOptions(timeout, value, backoff, maxRetryAfter, proxy, trust, certificateChecksOffBy,
                backoffFactor, maxBackoff, true, scheduleGiven);
    }

    /** npm's retry settings, where set, for what the caller did not choose. */
    public HttpOptions withNpmRetries(NpmRetries npm) {
        return new HttpOptions(timeout, retriesGiven ? retries : npm.retries().orElse(retries),
                scheduleGiven ? backoff : npm.minTimeout().orElse(backoff), maxRetryAfter, proxy, trust,
                certificateChecksOffBy, scheduleGiven ? backoffFactor : npm.factor().orElse(backoffFactor),
                scheduleGiven ? maxBackoff : npm.maxTimeout().orElse(maxBackoff), retriesGiven, scheduleGiven);
    }

    public HttpOptions withProxy(Optional<? extends RegistryProxy> value) {
        return new HttpOptions(timeout, retries, backoff, maxRetryAfter, value.map(RegistryProxy.class::cast),
                trust, certificateChecksOffBy, backoffFactor, maxBackoff, retriesGiven, scheduleGiven);
    }

    public HttpOptions withTrust(Optional<X509TrustManager> value) {
        return new HttpOptions(timeout, retries, backoff, maxRetryAfter, proxy, value, certificateChecksOffBy,
                backoffFactor, maxBackoff, retriesGiven, scheduleGiven);
    }

    public HttpOptions withCertificateChecksOffBy(Optional<String> value) {
        return new HttpOptions(timeout, retries, backoff, maxRetryAfter, proxy, trust, value, backoffFactor,
                maxBackoff, retriesGiven, scheduleGiven);
    }
}
