package io.github.npmprovenance.cli;

import io.github.npmprovenance.registry.HttpOptions;
import io.github.npmprovenance.run.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by every command that reads a registry. */
final class RegistryOptions {
    @Option(names = "--registry", paramLabel = "URL",
            description = "Default registry (overrides .npmrc and NPM_CONFIG_REGISTRY). Default: from npm's configuration, "
                    + "else https://registry.npmjs.org/")
    String registry;

    @Option(names = "--userconfig", paramLabel = "FILE",
            description = "The user's .npmrc. Default: $NPM_CONFIG_USERCONFIG (or $npm_config_userconfig), else the "
                    + "userconfig the project's .npmrc names, else ~/.npmrc")
    Path userConfig;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
            description = "Registry requests in flight at once. Default: ${DEFAULT-VALUE}")
    int concurrency;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Per-request timeout, for the headers and again for the body. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N",
            description = "Retries after a timeout, reset connection, HTTP 408, 420, 429 or 5xx, 10 s and then 60 s "
                    + "apart as npm waits. Default: npm's fetch-retries, else 2 (npm's fetch-retry-mintimeout, "
                    + "-factor and -maxtimeout set the waits)")
    Integer retries;

    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json to verify attestations against, instead of the embedded public-good root.")
    Path trustedRoot;

    @Option(names = "--registry-keys", paramLabel = "FILE",
            description = "Registry keys (the registry's TUF keys.json, or a /-/npm/v1/keys response) instead of the "
                    // only registry.npmjs.org is held to them: another registry's served keys sign as served
                    + "embedded public npm keys: used for publish attestations and as the keys registry.npmjs.org "
                    + "must serve.")
    Path registryKeys;

    /** Applies these options; where registry data is kept (cache, snapshot) is each command's own choice. */
    RunOptions applyTo(RunOptions options) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 (second), not " + timeoutSeconds);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1, not " + concurrency);
        }
        if (retries != null && retries < 0) {
            throw new IllegalArgumentException("--retries must be at least 0, not " + retries);
        }
        HttpOptions http = HttpOptions.defaults().withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (retries != null) {
            http = http.withRetries(retries);
        }
        return options.withRegistry(Optional.ofNullable(registry))
                .withUserNpmrc(Optional.ofNullable(userConfig))
                .withNetwork(concurrency, http)
                .withTrust(Optional.ofNullable(trustedRoot), Optional.ofNullable(registryKeys));
    }
}
