package io.github.npmprovenance.bench;

import io.github.npmprovenance.registry.HttpThreads;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The second reference for "limited by the registry", beside curl: the HTTP client npm-provenance must use
 * ({@code java.net.http}), in a fresh JVM started with the launcher's options, fetching the documents a cold run
 * needs with as many requests in flight and doing nothing else with them. What separates it from curl is the
 * JVM and the client; what separates npm-provenance from it is npm-provenance's own work.
 *
 * <p>Usage: {@code JdkFetchOnly URL_LIST CONCURRENCY}, with npm-provenance's jar on the class path; exits 1 on any
 * answer but 200.
 */
public final class JdkFetchOnly {
    private JdkFetchOnly() {
    }

    public static void main(String[] args) throws Exception {
        List<URI> uris = Files.readAllLines(Path.of(args[0])).stream().filter(l -> !l.isBlank()).map(URI::create)
                .toList();
        int concurrency = Integer.parseInt(args[1]);
        // as npm-provenance asks a plain-HTTP registry (HTTP/1.1, no h2c upgrade), with its client's executor
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run)
                .build();
        AtomicInteger next = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < uris.size() && failure.get() == null;
                        i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(uris.get(i)).header("Accept", "application/json")
                            .build();
                    try {
                        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            failure.compareAndSet(null, uris.get(i) + ": HTTP " + response.statusCode());
                        }
                    } catch (Exception e) {
                        failure.compareAndSet(null, uris.get(i) + ": " + e);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            System.err.println(failure.get());
            System.exit(1);
        }
        System.out.println(uris.size() + " documents");
        // as npm-provenance does before it exits, or JDK 17 takes about 0.3 s more to exit
        HttpThreads.releaseBeforeExit();
    }
}
