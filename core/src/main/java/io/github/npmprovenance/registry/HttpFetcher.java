package io.github.npmprovenance.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * GETs registry documents with bounded retries. Requests only ever go to URLs built by {@link Registry#resolve},
 * redirects are not followed (a registry could send us to another host), and the token is sent only to the
 * registry it was configured for.
 */
final class HttpFetcher {
    /** Reads a successful response body. */
    interface BodyReader<T> {
        T read(InputStream body) throws IOException, RegistryException;
    }

    static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "npm-provenance-http-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private static final long DRAIN_LIMIT = 64 * 1024;
    private static final Duration DRAIN_WAIT = Duration.ofSeconds(1);

    private final HttpOptions options;
    private final String userAgent;
    /** Clients that let a request outlive its timeout: their selector thread has stopped. */
    private final Set<HttpClient> stopped = ConcurrentHashMap.newKeySet();
    private volatile HttpClient client;
    private volatile HttpClient localClient;

    HttpFetcher(HttpOptions options, String userAgent) {
        this.options = options;
        this.userAgent = userAgent;
    }

    /**
     * Built on first use: building one costs a cold JVM about 0.15 s (TLS set-up and class loading), which the
     * thread of the first request then pays (the keys prefetch, while the main thread reads the lockfile).
     *
     * <p>The client hands what its selector thread must not do itself to its executor: each step of an exchange
     * (headers parsed, body buffers queued) and the TLS handshake's certificate check. For a plain-HTTP registry on
     * this machine, reached without a proxy, none of that can wait (no handshake, no name to look up), and running it
     * on the selector thread saves the hand-offs to a pool, about 15% of a cold run's CPU on 2 cores; so such
     * registries get a client of their own that does. Elsewhere a certificate check may wait for the network (a
     * revocation check asking an OCSP responder), and on the selector thread it would hold up every other exchange
     * and the timers that end them.
     */
    private HttpClient client(boolean local) throws RegistryException {
        HttpClient built = local ? localClient : client;
        if (built == null) {
            synchronized (this) {
                built = local ? localClient : client;
                if (built == null) {
                    built = newClient(local, local ? Optional.empty() : sharedTls());
                    if (local) {
                        localClient = built;
                    } else {
                        client = built;
                    }
                }
            }
        }
        return built;
    }

    /** Why the shared TLS context cannot be had (the JVM's key store unreadable): the same for every request. */
    private RegistryException sharedTlsFailure;

    /**
     * The shared clients' TLS context: none of its own (the JVM's default, with its key store and trust store) unless
     * npm's {@code ca} or {@code cafile} names the authorities; then those, with the JVM's key store
     * ({@link JvmKeyStore}), which the default context would have offered.
     */
    private Optional<SSLContext> sharedTls() throws RegistryException {
        if (options.trust().isEmpty()) {
            return Optional.empty();
        }
        if (sharedTlsFailure != null) {
            throw sharedTlsFailure;
        }
        try {
            return Optional.of(tls(JvmKeyStore.keyManagers(System::getProperty).orElse(null), options.trust().get()));
        } catch (RegistryException e) {
            sharedTlsFailure = e;
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context for the certificate authorities", e);
        }
    }

    private HttpClient newClient(boolean local, Optional<SSLContext> tls) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (local) {
            builder.executor(Runnable::run);
        }
        options.proxy().ifPresent(proxy -> builder.proxy(proxy.selector()));
        tls.ifPresent(builder::sslContext);
        return builder.build();
    }

    /** @param keys what the client may present; null for none */
    private static SSLContext tls(KeyManager[] keys, X509TrustManager trust) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, new TrustManager[] {trust}, null);
        return context;
    }

    /** Each client certificate's client, or why it cannot be had (a file unreadable, a key broken). */
    private final java.util.Map<ClientCertificate, Object> presenting = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The client that presents this certificate: one of its own, since a client has one TLS context, and a
     * certificate is a credential that no other registry may be shown (the shared client presents none). It trusts
     * the same authorities as the shared one: npm's {@code ca} or {@code cafile} (or {@code NODE_EXTRA_CA_CERTS}
     * with the JVM's), else the JVM's trust store. Its files are read once, when the registry is first asked.
     */
    private HttpClient presenting(ClientCertificate certificate, String what) throws RegistryException {
        Object built = presenting.computeIfAbsent(certificate, c -> {
            try {
                X509TrustManager trust = options.trust().isPresent() ? options.trust().get() : jvmTrust();
                return newClient(false, Optional.of(tls(new KeyManager[] {c.keyManager()}, trust)));
            } catch (RegistryException e) {
                return e;
            } catch (GeneralSecurityException e) {
                return new RegistryException(RegistryException.Kind.CLIENT_CERTIFICATE, "the client certificate "
                        + "configured with " + c + " cannot be used (" + e.getClass().getSimpleName() + ")", e);
            }
        });
        if (built instanceof RegistryException e) {
            throw new RegistryException(e.kind(), what + ": " + e.getMessage(), e.getCause());
        }
        return (HttpClient) built;
    }

    /** Whether each HTTPS registry reached directly asks for a client certificate, once asked. */
    private final java.util.Map<String, Boolean> asksForCertificate = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Why a connection to a registry that requires a client certificate, none being configured for it, failed: Java
     * reports it as a dropped connection. Asked of the registry directly, so not through a proxy.
     */
    private String certificateHint(Registry registry, URI uri, boolean direct) {
        if (!uri.getScheme().equals("https") || !direct || !(options.proxy().isPresent() || javaGoesDirect(uri))) {
            return "";
        }
        boolean asks = asksForCertificate.computeIfAbsent(registry.origin(),
                origin -> ClientCertificateRequest.asked(uri, options.trust(), options.timeout()));
        if (!asks) {
            return "";
        }
        if (registry.clientCertificate().isPresent()) {
            // one it does not accept (another authority's, expired) is refused as silently as none
            return "; the registry asks for a TLS client certificate and may have refused the one configured with "
                    + registry.clientCertificate().get().prefix() + ":certfile (issued by an authority it does not "
                    + "accept, or expired?)";
        }
        String prefix = registry.shownPrefix("//" + registry.baseUri().getRawAuthority()
                + registry.baseUri().getRawPath());
        return "; the registry asks for a TLS client certificate, and none is configured for it: set " + prefix
                + ":certfile and " + prefix + ":keyfile (see README, Registries and tokens)";
    }

    /** The JVM's trust store ({@code javax.net.ssl.trustStore}, else its {@code cacerts}), as its default has it. */
    private static X509TrustManager jvmTrust() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((java.security.KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new java.security.KeyStoreException("no X.509 trust manager");
    }

    /**
     * Without routes of its own the client follows Java's default proxy selector ({@code -Dhttp.proxyHost}, whose
     * {@code http.nonProxyHosts}, once set, need not list this machine; or the system's proxies), as
     * {@code java.net.http} does when no selector is given: a request it sends through a proxy is not one for the
     * client that works on its selector thread.
     */
    private static boolean javaGoesDirect(URI uri) {
        java.net.ProxySelector selector = java.net.ProxySelector.getDefault();
        if (selector == null) {
            return true;
        }
        java.util.List<java.net.Proxy> choice = selector.select(uri);
        return choice == null || choice.isEmpty() || choice.get(0).type() != java.net.Proxy.Type.HTTP;
    }

    /** Requests failing every attempt in a row, over {@link Outage}'s span, that take a registry for down. */
    static final int REQUESTS_BEFORE_GIVING_UP = 8;

    private final java.util.Map<URI, Outage> outages = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<URI, Object> probes = new java.util.concurrent.ConcurrentHashMap<>();

    <T> T get(Registry registry, String relativePath, String what, BodyReader<T> reader) throws RegistryException {
        return get(registry, relativePath, what, reader, false);
    }

    /**
     * @param keysEndpoint whether this is the keys request, which npm takes for "none published" on HTTP 404 or 400
     *     (Sonatype Nexus answers 400 when it publishes none) and on nothing else: a 410 fails
     *     {@code npm audit signatures}, where it would here make the registry's versions SKIPPED
     */
    <T> T get(Registry registry, String relativePath, String what, BodyReader<T> reader, boolean keysEndpoint)
            throws RegistryException {
        URI key = registry.baseUri();
        long started = System.nanoTime();
        Optional<Outage> down = down(registry, started);
        if (down.isPresent()) {
            throw new RegistryException(down.get().last().kind(), what + ": not asked, as the last "
                    + down.get().requests() + " requests to this registry failed every attempt, and so did asking it "
                    + "for its keys (the last: " + down.get().last().getMessage() + ")");
        }
        try {
            T document = fetch(registry, relativePath, what, reader, keysEndpoint);
            outages.remove(key);
            return document;
        } catch (EveryAttemptFailed e) {
            // Counted from when the first failure was seen, not from when it was sent: a request that times out
            // spans the timeout times the attempts by itself, so requests sent together and timing out together
            // (packages that hang, as many as the concurrency, next to each other in the lockfile) would be an
            // outage as soon as they failed. Those already under way then were sent before anything was known to
            // fail, and add nothing to that first failure.
            outages.merge(key, new Outage(1, System.nanoTime(), e.failure, false), (was, now) -> new Outage(
                    started - was.since() >= 0 ? was.requests() + 1 : was.requests(), was.since(), now.last(),
                    was.confirmed()));
            throw e.failure;
        } catch (RegistryException e) {
            // it answered, if only to refuse: it is there
            outages.remove(key);
            throw e;
        }
    }

    /**
     * The registry's outage, when it is one: enough requests failed every attempt (see {@link Outage}), and then so
     * did asking it for its keys. Requests for some documents can fail while the registry answers others (packages
     * that hang, as many as the fetchers, next to each other in the lockfile): one that answers, even to refuse, is
     * not given up on, and its failures are counted again from there. One thread asks; the others wait for it.
     */
    private Optional<Outage> down(Registry registry, long now) {
        URI key = registry.baseUri();
        Outage outage = outages.get(key);
        if (outage == null || !outage.longEnough(now, options)) {
            return Optional.empty();
        }
        if (outage.confirmed()) {
            return Optional.of(outage);
        }
        synchronized (probes.computeIfAbsent(key, k -> new Object())) {
            Outage current = outages.get(key);
            if (current == null || !current.longEnough(now, options) || current.confirmed()) {
                return Optional.ofNullable(current).filter(Outage::confirmed);
            }
            try {
                fetch(registry, HttpRegistrySource.KEYS_PATH, "signing keys of " + key,
                        body -> body.readNBytes(HttpRegistrySource.KEYS_LIMIT), true);
            } catch (EveryAttemptFailed e) {
                Outage confirmed = new Outage(current.requests(), current.since(), current.last(), true);
                outages.put(key, confirmed);
                return Optional.of(confirmed);
            } catch (RegistryException e) {
                // it answered, if only to refuse
            }
            outages.remove(key);
            return Optional.empty();
        }
    }

    private <T> T fetch(Registry registry, String relativePath, String what, BodyReader<T> reader,
            boolean keysEndpoint) throws RegistryException, EveryAttemptFailed {
        // as npm: a token if there is one, else the user and password of _auth or username and _password
        Optional<String> credentials = registry.token().or(registry::basicAuth);
        if (credentials.isPresent() && !isSendable(credentials.get())) {
            // HttpRequest.Builder would refuse it with the whole header, token included, in its message
            throw new RegistryException(RegistryException.Kind.INVALID_REQUEST, what + ": the "
                    + (registry.token().isPresent() ? "token" : "_auth")
                    + " configured for " + registry.shown() + " contains a space, control "
                    + "character (such as a trailing newline) or non-ASCII character, so it was not sent");
        }
        String host = registry.baseUri().getHost();
        if (registry.baseUri().getScheme().equals("https") && host.endsWith(".")) {
            // a fully qualified name npm (Node) connects to, but Java's TLS client refuses for SNI with an
            // IllegalArgumentException, which would make every package an unexpected failure
            // named as the registry is shown: a variable may have filled the host too
            String shown = registry.shown();
            boolean hostShown = shown.contains("//" + host);
            throw new RegistryException(RegistryException.Kind.INVALID_REQUEST, what + ": cannot connect over TLS "
                    + "to a host name ending in a dot" + (hostShown ? " (" + host + ")" : "") + ", which Java's TLS "
                    + "client refuses; name the registry without the dot" + (hostShown ? " ("
                    + shown.replaceFirst("^([^/]*//[^/]*?)\\.(?=[:/]|$)", "$1") + ")" : ""));
        }
        URI uri = registry.resolve(relativePath);
        boolean onThisMachine = registry.isOnThisMachine();
        Optional<ProxyServer> proxy = options.proxy().isPresent() ? options.proxy().get().proxyFor(uri)
                : Optional.empty();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(options.timeout())
                .header("Accept", "application/json")
                // as npm does, except on this machine, where compressing costs both ends CPU and saves no time; a
                // request without the header would allow the registry any content coding (RFC 9110)
                .header("Accept-Encoding", onThisMachine ? "identity" : "gzip")
                .header("User-Agent", userAgent)
                .GET();
        if (uri.getScheme().equals("http")) {
            // no h2c upgrade dance on plain HTTP: most registries and proxies do not speak it
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        credentials.ifPresent(value -> builder.header("Authorization",
                (registry.token().isPresent() ? "Bearer " : "Basic ") + value));
        // sent with every request, as npm's proxy agents do, rather than after a 407 challenge; java.net.http
        // sends it to the proxy only (with the CONNECT of an https:// request), never on to the registry
        proxy.flatMap(ProxyServer::basicCredentials)
                .ifPresent(value -> builder.header("Proxy-Authorization", "Basic " + value));
        String via = proxy.map(p -> " through the " + p).orElse("");
        // *.localhost is on this machine too, but a resolver may have to be asked for it: not on the selector thread
        boolean local = proxy.isEmpty() && uri.getScheme().equals("http") && onThisMachine
                && !uri.getHost().endsWith(".localhost") && (options.proxy().isPresent() || javaGoesDirect(uri));
        HttpRequest request = builder.build();
        // a client certificate goes only in a TLS handshake with this registry's host: never over plain HTTP, where
        // there is none, nor to a proxy (an https:// registry's TLS goes through its tunnel), nor elsewhere, as
        // redirects are not followed
        HttpClient http;
        try {
            http = registry.clientCertificate().isPresent() && uri.getScheme().equals("https")
                    ? presenting(registry.clientCertificate().get(), what) : client(local);
        } catch (RegistryException e) {
            throw e.getMessage().startsWith(what + ": ") ? e
                    : new RegistryException(e.kind(), what + ": " + e.getMessage(), e.getCause());
        }

        RegistryException last = null;
        for (int attempt = 0; attempt <= options.retries(); attempt++) {
            Duration delay = options.delay(attempt);
            try {
                HttpResponse<InputStream> response = send(http, request, what);
                int status = response.statusCode();
                try (InputStream body = response.body()) {
                    if (status == 200) {
                        checkContentType(response, what);
                        return readBefore(body, decoder(response, what), reader, what);
                    }
                    if (status == 404 || (keysEndpoint ? status == 400 : status == 410)) {
                        throw new RegistryException(RegistryException.Kind.NOT_FOUND,
                                what + ": the registry answered HTTP " + status + " (not found)");
                    }
                    if (status == 408) {
                        // the server gave up waiting for the request: as npm (make-fetch-happen), worth another try
                        last = new RegistryException(RegistryException.Kind.HTTP_ERROR,
                                what + ": the registry answered HTTP 408 (request timeout)");
                    } else if (status == 429 || status == 420) {
                        Optional<Duration> retryAfter = RetryAfter.of(response);
                        last = new RegistryException(RegistryException.Kind.RATE_LIMITED,
                                what + ": the registry answered HTTP " + status + " (too many requests)"
                                        + retryAfter.map(d -> ", Retry-After " + d.toSeconds() + " s").orElse(""));
                        if (retryAfter.isPresent()) {
                            if (retryAfter.get().compareTo(options.maxRetryAfter()) > 0) {
                                throw last;
                            }
                            delay = retryAfter.get();
                        }
                    } else if (status >= 500) {
                        last = new RegistryException(RegistryException.Kind.HTTP_ERROR,
                                what + ": the registry answered HTTP " + status + " (server error)");
                    } else if (status == 304) {
                        // no request here is conditional (no If-None-Match, no If-Modified-Since): nothing to reuse
                        throw new RegistryException(RegistryException.Kind.HTTP_ERROR, what + ": the registry answered "
                                + "HTTP 304 (not modified) to a request that was not conditional" + via);
                    } else if (status >= 300 && status < 400) {
                        throw new RegistryException(RegistryException.Kind.REDIRECT_REFUSED,
                                what + ": the registry answered HTTP " + status
                                        + " (a redirect; not followed, only the configured registry is contacted)");
                    } else {
                        throw new RegistryException(RegistryException.Kind.HTTP_ERROR, what + ": the "
                                + (status == 407 ? "proxy" : "registry") + " answered HTTP " + status + describe(status)
                                + via);
                    }
                }
            } catch (HttpTimeoutException e) {
                // a slow proxy or registry is told apart from a dead one by whether its headers came
                last = new RegistryException(RegistryException.Kind.TIMEOUT, what + ": "
                        + (e instanceof BodyTimeoutException ? "the registry answered, but its body did not all arrive"
                                : "no answer") + " within " + options.timeout().toMillis() + " ms", e);
            } catch (IOException e) {
                if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                    // the run is being cancelled: neither a connection failure nor worth another try
                    throw new RegistryException(RegistryException.Kind.CONNECTION, what + ": interrupted", e);
                }
                Optional<CertificateException> certificate = certificateProblem(e);
                if (certificate.isPresent()) {
                    // not retried, as npm does not retry it: the same certificate would come back
                    throw new RegistryException(RegistryException.Kind.TLS_CERTIFICATE, what + ": the TLS "
                            + "certificate of " + uri.getHost() + " was not accepted" + via + " ("
                            + certificate.get().getMessage() + "); the certificate authorities trusted are the "
                            + "JVM's (its trust store) with those of NODE_EXTRA_CA_CERTS, or those of npm's ca or cafile "
                            + "in their place (see README, Registries and tokens)"
                            + options.certificateChecksOffBy().map(HttpFetcher::certificateChecksOffHint).orElse(""),
                            e);
                }
                last = new RegistryException(RegistryException.Kind.CONNECTION,
                        what + ": connection failed to " + address(uri) + via + " (" + e.getClass().getSimpleName()
                                + firstMessage(e).or(() -> e instanceof ConnectException
                                        ? Optional.of("refused, or no route to it") : Optional.empty())
                                        .map(m -> ": " + m).orElse("") + ")"
                                + certificateHint(registry, uri, proxy.isEmpty()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException(RegistryException.Kind.CONNECTION, what + ": interrupted", e);
            }
            if (attempt < options.retries()) {
                sleep(delay, what);
            }
        }
        throw new EveryAttemptFailed(withAttempts(last));
    }

    /**
     * The client's response, or its failure, within three times the timeout and five seconds more. The client ends a
     * request at its timeout on its selector thread; a selector thread that died (of an OutOfMemoryError, say) ends
     * none, and a send would wait for ever, the run with it. Such a client is not used again: the packages still to
     * ask are errors at once, and the run ends.
     */
    private HttpResponse<InputStream> send(HttpClient http, HttpRequest request, String what)
            throws IOException, InterruptedException, RegistryException {
        if (stopped.contains(http)) {
            throw stoppedClient(what);
        }
        CompletableFuture<HttpResponse<InputStream>> response = http.sendAsync(request, info -> new BodyStream());
        try {
            return response.get(options.timeout().multipliedBy(3).plusSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            stopped.add(http);
            throw stoppedClient(what);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            // as HttpClient.send throws them
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(cause);
        }
    }

    private static RegistryException stoppedClient(String what) {
        return new RegistryException(RegistryException.Kind.CONNECTION, what + ": the HTTP client stopped answering"
                + " (its thread ended, out of memory perhaps), so no further requests are sent by it");
    }

    /** The headers came within the timeout, the whole body did not. */
    private static final class BodyTimeoutException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        BodyTimeoutException() {
            super("body not received in time");
        }
    }

    /** Host and port: with several registries configured, which one could not be reached. */
    private static String address(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /** The first message in the chain; the JDK's client throws some without any (a refused connection). */
    private static Optional<String> firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return Optional.of(t.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Requests to one registry that failed every attempt, one after another (a success in between starts the count
     * again): the first, and those sent after it failed; when the first failed ({@link System#nanoTime}); and
     * whether asking for the registry's keys then failed too. Once {@link #REQUESTS_BEFORE_GIVING_UP} have failed,
     * over at least the request timeout times the attempts after that first failure, and the keys cannot be had
     * either, the rest of the run does not ask that registry: one that accepts connections and never answers would
     * otherwise keep every package waiting through all its attempts, 16 at a time, and two thousand packages would
     * take hours to come out as the same ERROR. A shorter outage fails only the packages asked for during it.
     */
    private record Outage(int requests, long since, RegistryException last, boolean confirmed) {
        boolean longEnough(long now, HttpOptions options) {
            return requests >= REQUESTS_BEFORE_GIVING_UP
                    && now - since >= options.timeout().multipliedBy(options.retries() + 1L).toNanos();
        }
    }

    /** Thrown by {@link #fetch} when every attempt failed in a way another attempt could have cured. */
    private static final class EveryAttemptFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient RegistryException failure;

        EveryAttemptFailed(RegistryException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /**
     * The request timeout covers only the wait for headers; a registry that then stalls mid-body would hang the
     * run, so the body gets the same budget and is closed under the reader when it runs out.
     */
    private <T> T readBefore(InputStream body, Decoder decoder, BodyReader<T> reader, String what)
            throws IOException, RegistryException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = closeAfter(body, options.timeout(), expired);
        T document;
        try {
            document = reader.read(decoder.decode(new FilterInputStream(body) {
                @Override
                public void close() {
                    // closed by drainRest, once read to its end
                }
            }));
        } catch (IOException | RegistryException e) {
            if (expired.get()) {
                throw new BodyTimeoutException();
            }
            if (e instanceof ZipException) {
                // bytes that arrived but do not decode: not a failed connection, and the same would come again
                throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE, what + ": the registry's "
                        + "answer is not valid gzip, as its Content-Encoding says (" + e.getMessage() + ")", e);
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
        drainRest(body);
        return document;
    }

    /**
     * Readers stop at the end of the JSON document and close their parser, while the end of the body may not have
     * been seen yet; closing it then is a cancellation, after which the client drops the connection instead of
     * reusing it. What follows a document is normally nothing and already on its way; a body that goes on, or
     * does not end soon, is closed anyway, the document being whole.
     */
    private static void drainRest(InputStream body) {
        ScheduledFuture<?> watchdog = closeAfter(body, DRAIN_WAIT, new AtomicBoolean());
        byte[] buffer = new byte[8192];
        try (body) {
            long left = DRAIN_LIMIT;
            int read;
            while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        } catch (IOException e) {
            // the connection is dropped, as when closing early
        } finally {
            watchdog.cancel(false);
        }
    }

    private static ScheduledFuture<?> closeAfter(InputStream body, Duration delay, AtomicBoolean expired) {
        return WATCHDOG.schedule(() -> {
            expired.set(true);
            try {
                body.close();
            } catch (IOException e) {
                // closing is all the watchdog can do
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why npm reaches a registry whose certificate is refused here: it was told to accept any. */
    private static String certificateChecksOffHint(String origin) {
        return "; npm connects anyway, as strict-ssl=false (" + origin + ") turns its check off, which npm-provenance "
                + "does not follow: whoever is on the way could then answer for the registry. Give the registry's "
                + "certificate authority with cafile instead";
    }

    /** The certificate the TLS handshake refused (untrusted, expired, for another host), if that failed it. */
    private static Optional<CertificateException> certificateProblem(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException certificate) {
                return Optional.of(certificate);
            }
        }
        return Optional.empty();
    }

    /** Undoes the response's content coding. */
    private interface Decoder {
        InputStream decode(InputStream body) throws IOException;
    }

    /**
     * Only gzip is offered; a registry answering in another coding (or several) gets an error naming it, rather
     * than its bytes parsed as JSON.
     */
    private static Decoder decoder(HttpResponse<?> response, String what) throws RegistryException {
        String coding = String.join(",", response.headers().allValues("Content-Encoding")).trim()
                .toLowerCase(java.util.Locale.ROOT);
        return switch (coding) {
            case "", "identity" -> body -> body;
            case "gzip", "x-gzip" -> GZIPInputStream::new;
            default -> throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                    what + ": the registry answered with content encoding \"" + coding + "\", which was not asked for");
        };
    }

    /** A bearer token is visible ASCII, as RFC 6750 has it (and more: registries' tokens vary). */
    static boolean isSendable(String token) {
        return token.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    private RegistryException withAttempts(RegistryException last) {
        int attempts = options.retries() + 1;
        return new RegistryException(last.kind(),
                last.getMessage() + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), last.getCause());
    }

    private static String describe(int status) {
        return switch (status) {
            case 401 -> " (authentication required or token rejected)";
            case 403 -> " (forbidden)";
            case 407 -> " (proxy authentication required or rejected)";
            default -> "";
        };
    }

    private static void checkContentType(HttpResponse<?> response, String what) throws RegistryException {
        Optional<String> type = response.headers().firstValue("Content-Type");
        if (type.isPresent() && !type.get().toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new RegistryException(RegistryException.Kind.WRONG_CONTENT_TYPE,
                    what + ": the registry answered with content type \"" + type.get() + "\", expected JSON");
        }
    }

    private static void sleep(Duration delay, String what) throws RegistryException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException(RegistryException.Kind.CONNECTION,
                    what + ": interrupted while waiting to retry", e);
        }
    }
}
