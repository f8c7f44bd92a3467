package io.github.npmprovenance.bench;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Verdaccio, a real registry server, serving the synthetic registry's packuments on 127.0.0.1: what a cold run meets
 * against a registry that does work for each request on the same machine (one Node.js thread reading its storage
 * and rendering each document), where the in-memory registry hands out prepared bytes.
 *
 * <p>Verdaccio has no endpoint for the registry's keys; a middleware plugin written here serves the synthetic
 * registry's, so that both tools check signatures as against registry.npmjs.org.
 */
final class VerdaccioRegistry implements AutoCloseable {
    /** A middleware plugin (Verdaccio's plugin API: a factory returning {@code register_middlewares}). */
    private static final String KEYS_PLUGIN = """
            // serves the registry's signing keys, for which Verdaccio has no endpoint
            const fs = require('fs');
            const path = require('path');
            module.exports = function () {
              const keys = fs.readFileSync(path.join(__dirname, 'keys.json'));
              return {
                register_middlewares(app) {
                  app.get('/-/npm/v1/keys', (req, res) => res.type('application/json').send(keys));
                },
              };
            };
            """;

    private static final String CONFIG = """
            storage: ./storage
            plugins: ./plugins
            web:
              enable: false
            auth:
              htpasswd:
                file: ./htpasswd
                max_users: -1
            uplinks: {}
            packages:
              '**':
                access: $all
                publish: $authenticated
            middlewares:
              npm-keys:
                enabled: true
            server:
              keepAliveTimeout: 60
            log: { type: stdout, format: json, level: warn }
            """;

    private final Process process;
    private final URI url;
    private final String version;

    private VerdaccioRegistry(Process process, URI url, String version) {
        this.process = process;
        this.url = url;
        this.version = version;
    }

    /** Writes storage, plugin and configuration under dir, and starts the Verdaccio installed in install. */
    static VerdaccioRegistry start(Path install, Path dir, SyntheticRegistry source)
            throws IOException, InterruptedException {
        Path module = install.resolve("node_modules/verdaccio");
        if (!Files.isRegularFile(module.resolve("package.json"))) {
            throw new IllegalArgumentException("no Verdaccio installed in " + install);
        }
        Path plugin = dir.resolve("plugins/verdaccio-npm-keys");
        Files.createDirectories(plugin);
        Files.writeString(plugin.resolve("index.js"), KEYS_PLUGIN);
        source.writeVerdaccioStorage(dir.resolve("storage"), plugin.resolve("keys.json"));
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, CONFIG);

        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + port + "/");
        Process process = new ProcessBuilder("node", module.resolve("bin/verdaccio").toString(), "--config",
                config.toString(), "--listen", "127.0.0.1:" + port)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("verdaccio.log").toFile())
                .start();
        String version = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(module.resolve("package.json").toFile()).path("version").asText();
        VerdaccioRegistry registry = new VerdaccioRegistry(process, url, version);
        registry.awaitKeys(dir.resolve("verdaccio.log"));
        return registry;
    }

    private void awaitKeys(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Verdaccio exited " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) url.resolve(SyntheticRegistry.KEYS_PATH).toURL()
                        .openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("Verdaccio did not serve the keys within 60 s:\n" + Files.readString(log));
    }

    URI url() {
        return url;
    }

    String version() {
        return version;
    }

    /** CPU time Verdaccio has used so far (all its threads), or -1 where the system does not tell. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
