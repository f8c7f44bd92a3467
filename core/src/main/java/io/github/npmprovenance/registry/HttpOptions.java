package io.github.npmprovenance.registry;

import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.X509TrustManager;

/**
 * Network behaviour.
 *
 * @param timeout per request, for the response headers and again for the body
 * @param retries further attempts after a timeout, a reset connection, 408, 420, 429 or 5xx
 * @param backoff the first retry's delay; doubled each time, with jitter
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the request at once
 * @param proxy the HTTP proxy each request goes through; when empty, a {@code VerificationRun} decides it from
 *     npm's configuration (a bare {@link HttpRegistrySource} then follows Java's default proxy selector)
 * @param trust the certificate authorities HTTPS registries are checked against, when npm's {@code ca} or
 *     {@code cafile} names them, or {@code NODE_EXTRA_CA_CERTS} adds some; when empty, the JVM's trust store
 * @param certificateChecksOffBy where npm's configuration turns npm's certificate check off ({@code strict-ssl=false}),
 *     which is not followed: named when a certificate is refused, since npm would have connected
 */
public record HttpOptions(Duration timeout, int retries, Duration backoff, Duration maxRetryAfter,
        Optional<RegistryProxy> proxy, Optional<X509TrustManager> trust, Optional<String> certificateChecksOffBy) {
    public static HttpOptions defaults() {
        return new HttpOptions(Duration.ofSeconds(30), 3, Duration.ofMillis(250), Duration.ofSeconds(60));
    }

    public HttpOptions(Duration timeout, int retries, Duration backoff, Duration maxRetryAfter) {
        this(timeout, retries, backoff, maxRetryAfter, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public HttpOptions {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative");
        }
        java.util.Objects.requireNonNull(proxy, "proxy");
        java.util.Objects.requireNonNull(trust, "trust");
        java.util.Objects.requireNonNull(certificateChecksOffBy, "certificateChecksOffBy");
    }

    public HttpOptions withProxy(Optional<? extends RegistryProxy> value) {
        return new HttpOptions(timeout, retries, backoff, maxRetryAfter, value.map(RegistryProxy.class::cast),
                trust, certificateChecksOffBy);
    }

    public HttpOptions withTrust(Optional<X509TrustManager> value) {
        return new HttpOptions(timeout, retries, backoff, maxRetryAfter, proxy, value, certificateChecksOffBy);
    }

    public HttpOptions withCertificateChecksOffBy(Optional<String> value) {
        return new HttpOptions(timeout, retries, backoff, maxRetryAfter, proxy, trust, value);
    }
}
