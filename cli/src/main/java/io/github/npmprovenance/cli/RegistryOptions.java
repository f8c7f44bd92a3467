package io.github.npmprovenance.cli;

import io.github.npmprovenance.registry.CachingRegistrySource;
import io.github.npmprovenance.registry.HttpOptions;
import io.github.npmprovenance.registry.HttpRegistrySource;
import io.github.npmprovenance.registry.LocalStore;
import io.github.npmprovenance.registry.NpmrcReader;
import io.github.npmprovenance.registry.OfflineRegistrySource;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.attestation.TrustMaterial;
import io.github.npmprovenance.verify.AttestationMemo;
import io.github.npmprovenance.verify.SignatureMemo;
import io.github.npmprovenance.verify.VerifierSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by every command that reads a registry. */
final class RegistryOptions {
    @Option(names = "--registry", paramLabel = "URL",
            description = "Default registry (overrides .npmrc and NPM_CONFIG_REGISTRY). Default: https://registry.npmjs.org/")
    String registry;

    @Option(names = "--userconfig", paramLabel = "FILE",
            description = "The user's .npmrc. Default: $NPM_CONFIG_USERCONFIG or ~/.npmrc")
    Path userConfig;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Registry requests in flight at once. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Per-request timeout. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3",
            description = "Retries after a timeout, reset connection, HTTP 429 or 5xx. Default: ${DEFAULT-VALUE}")
    int retries;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Cache of published versions' metadata. Default: $XDG_CACHE_HOME/npm-provenance or ~/.cache/npm-provenance")
    Path cacheDir;

    @Option(names = "--no-cache", description = "Neither read nor write the cache.")
    boolean noCache;

    @Option(names = "--offline", paramLabel = "DIR",
            description = "Read registry data only from a snapshot directory made by 'snapshot'; never use the network.")
    Path offline;

    RegistryConfig registryConfig(Path lockfile) throws IOException {
        Path projectDir = lockfile.toAbsolutePath().getParent();
        Path user = userConfig;
        if (user == null) {
            String env = System.getenv("NPM_CONFIG_USERCONFIG");
            user = env != null ? Path.of(env) : Path.of(System.getProperty("user.home"), ".npmrc");
        }
        try {
            return NpmrcReader.fromSystem().read(Optional.ofNullable(registry),
                    projectDir == null ? null : projectDir.resolve(".npmrc"), user);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad registry configuration: " + e.getMessage(), e);
        }
    }

    HttpOptions httpOptions() {
        if (timeoutSeconds < 1 || concurrency < 1 || retries < 0) {
            throw new IllegalArgumentException("--timeout and --concurrency must be at least 1, --retries at least 0");
        }
        return new HttpOptions(Duration.ofSeconds(timeoutSeconds), retries, Duration.ofMillis(250),
                Duration.ofSeconds(60));
    }

    /** Network, cache in front of the network, or offline snapshot. */
    RegistrySource source() {
        if (offline != null) {
            return new OfflineRegistrySource(new LocalStore(offline));
        }
        RegistrySource http = new HttpRegistrySource(httpOptions(), "npm-provenance/" + ToolVersion.VALUE);
        return noCache ? http : new CachingRegistrySource(new LocalStore(cacheRoot().resolve("registry")), http, false);
    }

    /** Settings for a run: the public registry must sign with the trust material's keys; memos unless uncached. */
    VerifierSettings settings(TrustMaterial trust) {
        VerifierSettings settings = VerifierSettings.of(concurrency, trust);
        if (noCache || offline != null) {
            return settings;
        }
        return settings.withMemos(SignatureMemo.load(cacheRoot().resolve("verified-signatures.txt")),
                AttestationMemo.load(cacheRoot().resolve("verified-attestations.jsonl"), trust.digest()));
    }

    Path cacheRoot() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("npm-provenance");
    }
}
