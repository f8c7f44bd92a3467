package io.github.npmprovenance.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * A synthetic npm registry for benchmarks: N packages with 1 to 4 versions each, every version signed with a
 * P-256 key generated for this run, served on 127.0.0.1.
 *
 * <p>It does not use the core test-jar's {@code FixtureRegistry}, for three reasons that matter at 10,000
 * packages and several runs: FixtureRegistry logs every request in a {@code CopyOnWriteArrayList} (each request
 * copies the whole log, so ~100,000 requests cost O(n²) copying on the same 2 cores we measure); it serializes
 * the JSON tree again on every request (registry CPU charged to whichever tool is running); and it sends no
 * {@code Cache-Control}/{@code ETag}, so npm's HTTP cache could never answer a warm run the way it does against
 * registry.npmjs.org (which sends {@code Cache-Control: public, max-age=300}). Here every body is serialized once
 * up front and served from a byte array with those headers.
 */
final class SyntheticRegistry implements AutoCloseable {
    static final String KEYS_PATH = "-/npm/v1/keys";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter NPM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** One lockfile entry: the version a project pins and the integrity the registry published for it. */
    record Locked(String name, String version, String integrity, String resolved) {
    }

    /**
     * What the server did since the last {@link #takeStats()}: lets us see how much of a run was registry work, and
     * when the first request came and the last response left ({@link System#nanoTime()}, or -1 without requests).
     */
    record Stats(long requests, long notModified, long notFound, long bytes, long busyNanos, long firstNanos,
            long lastNanos) {
    }

    private record Body(byte[] bytes, String etag) {
    }

    static final int THREADS = 32;

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI url;
    private final Map<String, Body> documents = new HashMap<>();
    private final List<Locked> locked = new ArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder notModified = new LongAdder();
    private final LongAdder notFound = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong firstNanos = new java.util.concurrent.atomic.AtomicLong(-1);
    private final java.util.concurrent.atomic.AtomicLong lastNanos = new java.util.concurrent.atomic.AtomicLong(-1);

    private final long serviceMillis;

    private SyntheticRegistry(int packages, long seed, long serviceMillis) throws IOException, GeneralSecurityException {
        this.serviceMillis = serviceMillis;
        // bind first: tarball URLs in the packuments and the lockfile name the port
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        generate(packages, seed);
        // more threads than either client opens connections (npm: 15 sockets, ours: --concurrency 16)
        executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread thread = new Thread(r, "synthetic-registry");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Generates the data (deterministic apart from the key and signatures) and starts serving it. Each response
     * waits serviceMillis before its headers go out, as a registry that looks the document up and renders it
     * would; 0 serves the prepared bytes at once.
     */
    static SyntheticRegistry start(int packages, long seed, long serviceMillis)
            throws IOException, GeneralSecurityException {
        // The JDK server writes response headers and body separately; without TCP_NODELAY, Nagle holds the body
        // until the client's delayed ACK (~40 ms on Linux), which would add 40 ms to every request of both tools.
        // Read once, when the server classes initialize, so it must be set before the first server is created.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return new SyntheticRegistry(packages, seed, serviceMillis);
    }

    URI url() {
        return url;
    }

    List<Locked> locked() {
        return locked;
    }

    /** Every 5th package is scoped, so the scoped URL form ({@code @bench%2fpkg-00005}) is exercised too. */
    static String nameOf(int i) {
        return i % 5 == 0 ? String.format("@bench/pkg-%05d", i) : String.format("bench-pkg-%05d", i);
    }

    Stats takeStats() {
        return new Stats(requests.sumThenReset(), notModified.sumThenReset(), notFound.sumThenReset(),
                bytes.sumThenReset(), busyNanos.sumThenReset(), firstNanos.getAndSet(-1), lastNanos.getAndSet(-1));
    }

    private void generate(int packages, long seed) throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        byte[] spki = key.getPublic().getEncoded();
        String keyId = "SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));

        // first pass: every version's identity and integrity; signatures are computed afterwards in parallel
        // because ECDSA signing of ~25,000 messages is the slow part of generation
        Random random = new Random(seed);
        List<ObjectNode> packuments = new ArrayList<>();
        List<ObjectNode> dists = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        Instant base = Instant.parse("2023-01-02T03:04:05.678Z");
        MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        for (int i = 1; i <= packages; i++) {
            String name = nameOf(i);
            String baseName = name.substring(name.indexOf('/') + 1);
            int versionCount = 1 + random.nextInt(4);
            int pinned = random.nextInt(versionCount);
            ObjectNode packument = JSON.createObjectNode();
            packument.put("_id", name).put("name", name).put("description", "synthetic benchmark package " + i);
            ObjectNode versions = JSON.createObjectNode();
            ObjectNode time = JSON.createObjectNode();
            time.put("created", NPM_TIME.format(base.plusSeconds(i * 60L)));
            String latest = null;
            for (int v = 0; v < versionCount; v++) {
                String version = "1." + v + "." + (i % 7);
                byte[] tarball = new byte[64];
                random.nextBytes(tarball);
                String integrity = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest(tarball));
                String tarballUrl = url + name + "/-/" + baseName + "-" + version + ".tgz";
                ObjectNode manifest = versions.putObject(version);
                manifest.put("name", name).put("version", version).put("description", "synthetic benchmark package")
                        .put("main", "index.js").put("license", "MIT").put("_id", name + "@" + version);
                manifest.putObject("dependencies");
                ObjectNode dist = manifest.putObject("dist");
                dist.put("integrity", integrity).put("shasum", HexFormat.of().formatHex(sha1.digest(tarball)))
                        .put("tarball", tarballUrl).put("fileCount", 2).put("unpackedSize", 1024 + i);
                dists.add(dist);
                messages.add(name + "@" + version + ":" + integrity);
                time.put(version, NPM_TIME.format(base.plusSeconds(i * 60L + v * 86_400L)));
                latest = version;
                if (v == pinned) {
                    locked.add(new Locked(name, version, integrity, tarballUrl));
                }
            }
            time.put("modified", NPM_TIME.format(base.plusSeconds(i * 60L + versionCount * 86_400L)));
            packument.putObject("dist-tags").put("latest", latest);
            packument.set("versions", versions);
            packument.set("time", time);
            packument.put("license", "MIT").put("readme", "");
            packuments.add(packument);
        }

        List<String> signatures = sign(key.getPrivate(), messages);
        for (int i = 0; i < dists.size(); i++) {
            ArrayNode sigs = dists.get(i).putArray("signatures");
            sigs.addObject().put("keyid", keyId).put("sig", signatures.get(i));
        }
        for (ObjectNode packument : packuments) {
            put(packument.get("name").asText(), JSON.writeValueAsBytes(packument));
        }

        ObjectNode keys = JSON.createObjectNode();
        keys.putArray("keys").addObject().putNull("expires").put("keyid", keyId)
                .put("keytype", "ecdsa-sha2-nistp256").put("scheme", "ecdsa-sha2-nistp256")
                .put("key", Base64.getEncoder().encodeToString(spki));
        put(KEYS_PATH, JSON.writeValueAsBytes(keys));
    }

    private static List<String> sign(PrivateKey key, List<String> messages) {
        ThreadLocal<Signature> signer = ThreadLocal.withInitial(() -> {
            try {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(key);
                return s;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        return IntStream.range(0, messages.size()).parallel().mapToObj(i -> {
            try {
                Signature s = signer.get();
                s.update(messages.get(i).getBytes(StandardCharsets.UTF_8));
                // the JDK signs in DER, which is what npm publishes (base64)
                return Base64.getEncoder().encodeToString(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private void put(String path, byte[] body) throws GeneralSecurityException {
        String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body)) + "\"";
        documents.put(path, new Body(body, etag));
    }

    /**
     * Writes the same packuments as Verdaccio stores them ({@code <storage>/<name>/package.json}, with the bookkeeping
     * fields it expects), and the keys document beside the storage, for {@link VerdaccioRegistry}.
     */
    void writeVerdaccioStorage(Path storage, Path keysFile) throws IOException {
        for (Map.Entry<String, Body> document : documents.entrySet()) {
            if (document.getKey().equals(KEYS_PATH)) {
                Files.write(keysFile, document.getValue().bytes());
                continue;
            }
            ObjectNode packument = (ObjectNode) JSON.readTree(document.getValue().bytes());
            packument.putObject("_attachments");
            packument.putObject("_uplinks");
            packument.putObject("_distfiles");
            packument.put("_rev", "1-0");
            Path folder = storage.resolve(document.getKey());
            Files.createDirectories(folder);
            Files.write(folder.resolve("package.json"), JSON.writeValueAsBytes(packument));
        }
    }

    /**
     * Writes a project as {@code npm install} would leave it: package.json, package-lock.json (v3), and a
     * node_modules tree with each package's package.json plus npm's hidden lockfile, which lets npm's Arborist
     * load the tree without reading every folder, as after a real install.
     */
    void writeProject(Path dir) throws IOException {
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode packageJson = JSON.createObjectNode();
        packageJson.put("name", "bench-project").put("version", "1.0.0").put("private", true);
        ObjectNode dependencies = packageJson.putObject("dependencies");
        locked.forEach(l -> dependencies.put(l.name(), l.version()));

        ObjectNode lock = JSON.createObjectNode();
        lock.put("name", "bench-project").put("version", "1.0.0").put("lockfileVersion", 3).put("requires", true);
        ObjectNode lockPackages = lock.putObject("packages");
        ObjectNode root = lockPackages.putObject("");
        root.put("name", "bench-project").put("version", "1.0.0");
        root.set("dependencies", dependencies.deepCopy());
        ObjectNode hidden = JSON.createObjectNode();
        hidden.put("name", "bench-project").put("version", "1.0.0").put("lockfileVersion", 3).put("requires", true);
        ObjectNode hiddenPackages = hidden.putObject("packages");

        Files.createDirectories(dir.resolve("node_modules"));
        for (Locked l : locked) {
            ObjectNode entry = JSON.createObjectNode();
            entry.put("version", l.version()).put("resolved", l.resolved()).put("integrity", l.integrity())
                    .put("license", "MIT");
            lockPackages.set("node_modules/" + l.name(), entry);
            hiddenPackages.set("node_modules/" + l.name(), entry.deepCopy());
            Path folder = dir.resolve("node_modules").resolve(l.name());
            Files.createDirectories(folder);
            ObjectNode manifest = JSON.createObjectNode();
            manifest.put("name", l.name()).put("version", l.version()).put("license", "MIT");
            Files.write(folder.resolve("package.json"), pretty.writeValueAsBytes(manifest));
        }
        Files.write(dir.resolve("package.json"), pretty.writeValueAsBytes(packageJson));
        Files.write(dir.resolve("package-lock.json"), pretty.writeValueAsBytes(lock));
        // last, so it is newer than every folder: npm ignores a hidden lockfile older than the tree
        Files.write(dir.resolve("node_modules/.package-lock.json"), pretty.writeValueAsBytes(hidden));
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        firstNanos.compareAndSet(-1, start);
        try (exchange) {
            requests.increment();
            if (serviceMillis > 0) {
                try {
                    Thread.sleep(serviceMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            // npm and we escape the scope slash as %2f; decode so both spellings find the document
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1), StandardCharsets.UTF_8);
            Body body = documents.get(path);
            if (body == null || !exchange.getRequestMethod().equals("GET")) {
                notFound.increment();
                byte[] error = "{\"error\":\"Not found\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(404, error.length);
                exchange.getResponseBody().write(error);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Cache-Control", "public, max-age=300");
            exchange.getResponseHeaders().add("ETag", body.etag());
            if (body.etag().equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.increment();
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.bytes().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body.bytes());
            }
            bytes.add(body.bytes().length);
        } finally {
            long end = System.nanoTime();
            busyNanos.add(end - start);
            lastNanos.accumulateAndGet(end, Math::max);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
