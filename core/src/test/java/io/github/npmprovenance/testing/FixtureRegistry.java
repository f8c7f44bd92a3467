package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A real HTTP server on 127.0.0.1 that answers like the npm registry from the recorded fixtures in
 * {@code src/test/resources/fixtures}: packuments (nuxt's verbatim; the others assembled from the recorded
 * version documents and publish times), the keys endpoint and the attestations endpoint. Documents are held as
 * mutable JSON so a test can tamper with one real artifact; faults can be injected per path.
 */
public final class FixtureRegistry implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    public static final String KEYS_PATH = "-/npm/v1/keys";

    /** What to do instead of answering normally, for the next {@code times} requests to a path. */
    public enum Fault {
        /** HTTP 500. */
        SERVER_ERROR,
        /** HTTP 408, a load balancer that gave up waiting for the request. */
        REQUEST_TIMEOUT,
        /** HTTP 429 with {@code Retry-After: 1}. */
        RATE_LIMITED,
        /** HTTP 429 with a {@code Retry-After} of some three thousand years, in seconds. */
        RATE_LIMITED_FOR_AGES,
        /** HTTP 429 with a {@code Retry-After} HTTP date (IMF-fixdate) 3 s from now, to the second. */
        RATE_LIMITED_UNTIL_SOON,
        /** HTTP 429 with a {@code Retry-After} HTTP date (IMF-fixdate) a day from now. */
        RATE_LIMITED_UNTIL_TOMORROW,
        /** HTTP 429 with a {@code Retry-After} HTTP date in RFC 850's obsolete format a day from now. */
        RATE_LIMITED_UNTIL_TOMORROW_RFC_850,
        /** HTTP 429 with a {@code Retry-After} HTTP date in asctime's obsolete format a day from now. */
        RATE_LIMITED_UNTIL_TOMORROW_ASCTIME,
        /** HTTP 429 with a {@code Retry-After} of a day from now as ISO 8601, which is no HTTP date. */
        RATE_LIMITED_UNTIL_TOMORROW_ISO,
        /** Never answers within any sane timeout. */
        HANG,
        /** 200 with the JSON cut in half. */
        TRUNCATED_JSON,
        /** 200 with an HTML body and {@code text/html}. */
        WRONG_CONTENT_TYPE,
        /** Promises a body, sends part of it, then drops the connection. */
        CONNECTION_DROPPED,
        /** Sends the headers and part of the body, then stalls without closing. */
        STALLED_BODY,
        /** Streams the whole document (chunked), then stalls without ending the body. */
        DOCUMENT_THEN_STALL,
        /** HTTP 404. */
        NOT_FOUND,
        /** HTTP 400, as Sonatype Nexus answers for an endpoint it does not have. */
        BAD_REQUEST,
        /** HTTP 410 Gone. */
        GONE,
        /** 302 to another host. */
        REDIRECT_ELSEWHERE,
        /** 304 Not Modified, to a request that was not conditional. */
        NOT_MODIFIED,
        /** The document as usual, gzip-encoded ({@code Content-Encoding: gzip}). */
        GZIPPED,
        /** 200 with {@code Content-Encoding: gzip} and the document as it is, not gzip-encoded. */
        NOT_GZIP,
        /** 200 with {@code Content-Encoding: br}, a coding the request did not offer. */
        BROTLI,
        /** 200 with the whole document, then an HTML error page after it in the same body. */
        TRAILING_GARBAGE,
        /** 200 with three zero bytes before the document, which make it read as UTF-32, where it is no text. */
        NOT_UTF8
    }

    /** A request as the server saw it. */
    public record Request(String path, Optional<String> authorization, Optional<String> acceptEncoding) {
    }

    private record Injected(Fault fault, AtomicInteger remaining) {
    }

    private final HttpServer server;
    private final String basePath;
    private final Map<String, JsonNode> documents = new ConcurrentHashMap<>();
    private final Map<String, byte[]> rawDocuments = new ConcurrentHashMap<>();
    private final Map<String, Injected> faults = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Set<InetSocketAddress> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean endBodiesLate;
    private final AtomicInteger tlsConnections = new AtomicInteger();

    /** Whether the server is another registry's, which owns it. */
    private final boolean guest;

    /** Whether a registry over HTTPS asks clients for a certificate, and whether it refuses those that give none. */
    public enum ClientAuthentication {
        NONE, WANTED, REQUIRED
    }

    /** For each request over HTTPS, the subject of the client certificate its connection presented, or "none". */
    private final List<String> clientCertificates = new CopyOnWriteArrayList<>();

    private FixtureRegistry(String basePath, Optional<SSLContext> tls) throws IOException {
        this(basePath, tls, ClientAuthentication.NONE);
    }

    private FixtureRegistry(String basePath, Optional<SSLContext> tls, ClientAuthentication clientAuthentication)
            throws IOException {
        // without it every response waits for the client's delayed ACK (~40 ms a request)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.basePath = basePath;
        this.guest = false;
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls.isPresent()) {
            HttpsServer https = HttpsServer.create(loopback, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls.get()) {
                @Override
                public void configure(HttpsParameters parameters) {
                    // called for each connection, before its handshake
                    tlsConnections.incrementAndGet();
                    super.configure(parameters);
                    if (clientAuthentication != ClientAuthentication.NONE) {
                        SSLParameters asking = getSSLContext().getDefaultSSLParameters();
                        if (clientAuthentication == ClientAuthentication.REQUIRED) {
                            asking.setNeedClientAuth(true);
                        } else {
                            asking.setWantClientAuth(true);
                        }
                        parameters.setSSLParameters(asking);
                    }
                }
            });
            this.server = https;
        } else {
            this.server = HttpServer.create(loopback, 64);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fixture-registry");
            thread.setDaemon(true);
            return thread;
        }));
        loadFixtures();
        server.start();
    }

    private FixtureRegistry(HttpServer host, String basePath) throws IOException {
        this.basePath = basePath;
        this.guest = true;
        this.server = host;
        loadFixtures();
        // the longest matching context answers: requests below basePath come here, the rest to the host
        server.createContext(basePath, this::handle);
    }

    /** A registry at {@code http://127.0.0.1:<port>/}. */
    public static FixtureRegistry start() {
        return start("/");
    }

    /** A registry below a path, like {@code /artifactory/api/npm/npm/}. */
    public static FixtureRegistry start(String basePath) {
        try {
            return new FixtureRegistry(basePath.endsWith("/") ? basePath : basePath + "/", Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A registry at {@code https://127.0.0.1:<port>/}, with the server certificate and key of tls. */
    public static FixtureRegistry startHttps(SSLContext tls) {
        try {
            return new FixtureRegistry("/", Optional.of(tls));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A registry at {@code https://127.0.0.1:<port>/} that asks each client for a certificate, which tls's trust
     * managers check; {@link #clientCertificates()} tells what each request's connection presented.
     */
    public static FixtureRegistry startHttps(SSLContext tls, ClientAuthentication clientAuthentication) {
        try {
            return new FixtureRegistry("/", Optional.of(tls), clientAuthentication);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For each request that reached the registry over HTTPS, the client certificate's subject, or "none". */
    public List<String> clientCertificates() {
        return List.copyOf(clientCertificates);
    }

    /**
     * Another registry with the same fixtures, on this one's host and port but below another path, such as
     * {@code /a/b/} beside {@code /a_b/}; what one serves can be changed without changing the other.
     */
    public FixtureRegistry beside(String otherBasePath) {
        try {
            return new FixtureRegistry(server, otherBasePath.endsWith("/") ? otherBasePath : otherBasePath + "/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create((server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:"
                + server.getAddress().getPort() + basePath);
    }

    /** The packument served for a package; mutate it to tamper with what the registry says. */
    public ObjectNode packument(String name) {
        return (ObjectNode) documents.get(name);
    }

    /** The version object of one version in its packument. */
    public ObjectNode version(String name, String version) {
        return (ObjectNode) packument(name).path("versions").path(version);
    }

    /** The keys document; mutate it, or {@link #removeKeys()}. */
    public ObjectNode keys() {
        return (ObjectNode) documents.get(KEYS_PATH);
    }

    public void removeKeys() {
        documents.remove(KEYS_PATH);
    }

    public void setKeys(JsonNode keys) {
        documents.put(KEYS_PATH, keys);
    }

    /** Serves these exact bytes as JSON at a registry-relative path (for documents that are not valid JSON). */
    public void putRaw(String relativePath, byte[] body) {
        rawDocuments.put(relativePath, body.clone());
    }

    /** Serves an attestations response for a version (e.g. a tampered one). */
    public void setAttestations(String name, String version, JsonNode response) {
        documents.put("-/npm/v1/attestations/" + name + "@" + version, response);
    }

    /** The attestations response served for a version; mutate it to tamper with a bundle. */
    public ObjectNode attestations(String name, String version) {
        return (ObjectNode) documents.get("-/npm/v1/attestations/" + name + "@" + version);
    }

    /**
     * Makes sure the packument lists a version (with this integrity, no signatures, and attestations of the types
     * in {@code attestations}), for recorded attestations whose version document was never recorded.
     */
    public void ensureVersion(String name, String version, String integrity, JsonNode attestations) {
        ObjectNode packument = packumentOrNew(name);
        if (packument.path("versions").has(version)) {
            return;
        }
        ObjectNode dist = ((ObjectNode) packument.get("versions")).putObject(version)
                .put("name", name).put("version", version).putObject("dist");
        dist.put("integrity", integrity);
        for (JsonNode attestation : attestations.path("attestations")) {
            String type = attestation.path("predicateType").asText();
            if (type.startsWith("https://slsa.dev/provenance/")) {
                dist.putObject("attestations").put("url", "https://registry.invalid/-/npm/v1/attestations/"
                        + name + "@" + version).putObject("provenance").put("predicateType", type);
            }
        }
    }

    private ObjectNode packumentOrNew(String name) {
        return (ObjectNode) documents.computeIfAbsent(name, n -> {
            ObjectNode packument = MAPPER.createObjectNode();
            packument.put("name", n);
            packument.putObject("versions");
            packument.putObject("time");
            return packument;
        });
    }

    /** Serves a packument (e.g. a generated one). */
    public void putPackument(String name, JsonNode packument) {
        documents.put(name, packument);
    }

    /**
     * Serves {@code filler-0@1.0.0} … and pins them in the lockfile: unsigned, without attestations, so that their
     * checks are quick and need next to no memory.
     */
    public void putFillers(int count, TestLockfile lockfile) {
        String integrity = FixtureRegistryData.integrity("sigstore", "1.0.0");
        for (int i = 0; i < count; i++) {
            ObjectNode packument = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("name", "filler-" + i);
            packument.putObject("versions").putObject("1.0.0").putObject("dist").put("integrity", integrity);
            putPackument("filler-" + i, packument);
            lockfile.add("filler-" + i, "1.0.0", integrity);
        }
    }

    /**
     * Holds the answers to a registry-relative path until the returned latch is counted down (at most 30 s), so a
     * test can see what a client does while that answer is on its way.
     */
    public CountDownLatch hold(String relativePath) {
        CountDownLatch release = new CountDownLatch(1);
        holds.put(relativePath, release);
        return release;
    }

    /** Injects a fault for the next {@code times} requests to a registry-relative path (e.g. {@code nuxt}). */
    public void fault(String relativePath, Fault fault, int times) {
        faults.put(relativePath, new Injected(fault, new AtomicInteger(times)));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * From now on documents are streamed (chunked) and their bodies end 50 ms after the document, as a registry
     * streaming its answers may end them: a client has read the whole JSON before it sees the end of the body.
     */
    public void endBodiesLate() {
        endBodiesLate = true;
    }

    /** How many connections clients opened: one per client address and port seen. */
    /** Connections accepted over TLS, whether or not their handshake succeeded. */
    public int tlsConnections() {
        return tlsConnections.get();
    }

    public int connections() {
        return clients.size();
    }

    public long requestCount(String relativePath) {
        return requests.stream().filter(r -> r.path().equals(basePath + relativePath)).count();
    }

    @Override
    public void close() {
        if (guest) {
            server.removeContext(basePath);
            return;
        }
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        requests.add(new Request(rawPath, Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")),
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept-Encoding"))));
        clients.add(exchange.getRemoteAddress());
        if (exchange instanceof HttpsExchange https) {
            try {
                clientCertificates.add(((java.security.cert.X509Certificate) https.getSSLSession()
                        .getPeerCertificates()[0]).getSubjectX500Principal().getName());
            } catch (SSLPeerUnverifiedException e) {
                clientCertificates.add("none");
            }
        }
        try (exchange) {
            if (!rawPath.startsWith(basePath)) {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String relative = rawPath.substring(basePath.length());
            CountDownLatch hold = holds.get(relative);
            if (hold != null) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Injected injected = faults.get(relative);
            if (injected != null && injected.remaining().getAndDecrement() > 0) {
                fail(exchange, injected.fault(), relative);
                return;
            }
            byte[] raw = rawDocuments.get(relative);
            if (raw != null) {
                sendDocument(exchange, raw);
                return;
            }
            // npm escapes the scope slash; some clients do not: accept both
            String key = URLDecoder.decode(relative, StandardCharsets.UTF_8);
            JsonNode document = documents.get(key);
            if (document == null) {
                send(exchange, 404, "application/json", "{\"error\":\"not found\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            sendDocument(exchange, MAPPER.writeValueAsBytes(document));
        }
    }

    private void fail(HttpExchange exchange, Fault fault, String relative) throws IOException {
        byte[] body = documents.containsKey(relative)
                ? MAPPER.writeValueAsBytes(documents.get(relative))
                : "{\"name\":\"x\",\"versions\":{}}".getBytes(StandardCharsets.UTF_8);
        switch (fault) {
            case SERVER_ERROR -> send(exchange, 500, "text/plain", "internal error".getBytes(StandardCharsets.UTF_8));
            case RATE_LIMITED -> {
                exchange.getResponseHeaders().add("Retry-After", "1");
                send(exchange, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
            }
            case RATE_LIMITED_FOR_AGES -> {
                exchange.getResponseHeaders().add("Retry-After", "99999999999");
                send(exchange, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
            }
            case RATE_LIMITED_UNTIL_SOON -> rateLimitedUntil(exchange, java.time.Duration.ofSeconds(3));
            case RATE_LIMITED_UNTIL_TOMORROW -> rateLimitedUntil(exchange, java.time.Duration.ofDays(1));
            case RATE_LIMITED_UNTIL_TOMORROW_RFC_850 ->
                    rateLimitedUntil(exchange, java.time.Duration.ofDays(1), "EEEE, dd-MMM-yy HH:mm:ss 'GMT'");
            case RATE_LIMITED_UNTIL_TOMORROW_ASCTIME ->
                    rateLimitedUntil(exchange, java.time.Duration.ofDays(1), "EEE MMM ppd HH:mm:ss yyyy");
            case RATE_LIMITED_UNTIL_TOMORROW_ISO ->
                    rateLimitedUntil(exchange, java.time.Duration.ofDays(1), "yyyy-MM-dd'T'HH:mm:ss'Z'");
            case HANG -> sleepLong();
            case TRUNCATED_JSON -> send(exchange, 200, "application/json",
                    java.util.Arrays.copyOf(body, body.length / 2));
            case WRONG_CONTENT_TYPE -> send(exchange, 200, "text/html; charset=utf-8",
                    "<html><body>Captive portal</body></html>".getBytes(StandardCharsets.UTF_8));
            // closing the exchange before the promised length drops the connection
            case CONNECTION_DROPPED -> sendFirstThird(exchange, body);
            case STALLED_BODY -> {
                sendFirstThird(exchange, body);
                sleepLong();
            }
            case DOCUMENT_THEN_STALL -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write(body);
                exchange.getResponseBody().flush();
                sleepLong();
            }
            case NOT_FOUND -> send(exchange, 404, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            case REQUEST_TIMEOUT -> send(exchange, 408, "text/plain", "request timeout".getBytes(StandardCharsets.UTF_8));
            case BAD_REQUEST -> send(exchange, 400, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            case GONE -> send(exchange, 410, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            case REDIRECT_ELSEWHERE -> {
                exchange.getResponseHeaders().add("Location", "https://attacker.invalid/" + relative);
                send(exchange, 302, "text/plain", new byte[0]);
            }
            case NOT_MODIFIED -> send(exchange, 304, "application/json", new byte[0]);
            case GZIPPED -> {
                java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
                try (OutputStream gzip = new java.util.zip.GZIPOutputStream(gzipped)) {
                    gzip.write(body);
                }
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                send(exchange, 200, "application/json", gzipped.toByteArray());
            }
            case NOT_GZIP -> {
                exchange.getResponseHeaders().add("Content-Encoding", "gzip");
                send(exchange, 200, "application/json", body);
            }
            case BROTLI -> {
                exchange.getResponseHeaders().add("Content-Encoding", "br");
                send(exchange, 200, "application/json", new byte[] {0x1b, 0x03, 0x00, (byte) 0xf8});
            }
            case NOT_UTF8 -> {
                byte[] zeros = new byte[3 + body.length];
                System.arraycopy(body, 0, zeros, 3, body.length);
                send(exchange, 200, "application/json", zeros);
            }
            case TRAILING_GARBAGE -> {
                byte[] page = "\n<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);
                byte[] both = java.util.Arrays.copyOf(body, body.length + page.length);
                System.arraycopy(page, 0, both, body.length, page.length);
                send(exchange, 200, "application/json", both);
            }
        }
    }

    /** HTTP 429 asking to wait until now plus wait, as an IMF-fixdate ({@code Fri, 27 Nov 2026 22:00:05 GMT}). */
    private static void rateLimitedUntil(HttpExchange exchange, java.time.Duration wait) throws IOException {
        rateLimitedUntil(exchange, wait, "EEE, dd MMM yyyy HH:mm:ss 'GMT'");
    }

    /** HTTP 429 asking to wait until now plus wait, in UTC, written in this pattern. */
    private static void rateLimitedUntil(HttpExchange exchange, java.time.Duration wait, String pattern)
            throws IOException {
        java.time.ZonedDateTime until = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plus(wait);
        exchange.getResponseHeaders().add("Retry-After", java.time.format.DateTimeFormatter
                .ofPattern(pattern, java.util.Locale.US).format(until));
        send(exchange, 429, "text/plain", "slow down".getBytes(StandardCharsets.UTF_8));
    }

    /** Promises the whole body, sends a third of it. */
    private static void sendFirstThird(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, body.length / 3);
        out.flush();
    }

    private static void sleepLong() {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendDocument(HttpExchange exchange, byte[] document) throws IOException {
        if (!endBodiesLate) {
            send(exchange, 200, "application/json", document);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(document);
            out.flush();
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void loadFixtures() throws IOException {
        documents.put(KEYS_PATH, Fixtures.json("registry/../trusted-root/npm-v1-keys.json"));
        JsonNode times = Fixtures.json("registry/publish-times.json").path("times");
        for (String key : Fixtures.list("registry/manifests")) {
            String escaped = key.substring(0, key.length() - ".json".length());
            int at = escaped.lastIndexOf('@');
            String name = URLDecoder.decode(escaped.substring(0, at).replace("%2f", "%2F"), StandardCharsets.UTF_8);
            String version = escaped.substring(at + 1);
            if (name.equals("nuxt")) {
                continue;
            }
            ObjectNode packument = packumentOrNew(name);
            JsonNode manifest = Fixtures.json("registry/manifests/" + key);
            ((ObjectNode) packument.get("versions")).set(version, manifest);
            JsonNode time = times.get(escaped);
            if (time != null) {
                ((ObjectNode) packument.get("time")).put(version, time.asText());
            }
        }
        documents.put("nuxt", Fixtures.json("registry/packuments/nuxt.json"));
        for (String key : Fixtures.list("registry/attestations")) {
            String escaped = key.substring(0, key.length() - ".json".length());
            String decoded = URLDecoder.decode(escaped.replace("%2f", "%2F"), StandardCharsets.UTF_8);
            documents.put("-/npm/v1/attestations/" + decoded, Fixtures.json("registry/attestations/" + key));
        }
    }
}
