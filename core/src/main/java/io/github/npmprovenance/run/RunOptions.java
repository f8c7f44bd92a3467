package io.github.npmprovenance.run;

import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.registry.HttpOptions;
import io.github.npmprovenance.verify.ProgressListener;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything one verification run needs, as plain values; each front end fills it from its own inputs.
 *
 * @param lockfile the lockfile, or a directory holding one
 * @param registry the default registry, overriding npm configuration
 * @param registryToken a token for {@code registry}, overriding npm configuration (e.g. from a CI secret); only
 *     with {@code registry}, so that the token never goes to a registry the project's configuration names
 * @param userNpmrc the user's npm configuration file
 * @param environment environment variables, for {@code NPM_CONFIG_REGISTRY} and {@code ${VAR}} in .npmrc
 * @param cacheDir the cache; empty for no cache
 * @param offline a snapshot directory to read instead of the network
 * @param recordTo a snapshot directory to record every response into
 * @param policyFile the policy; empty to use {@code .npm-provenance.yml} beside the lockfile when present
 * @param failOn overrides the policy's fail-on
 * @param trustedRoot replaces the embedded Sigstore trusted root
 * @param registryKeys replaces the embedded registry keys
 * @param base when present, only packages new or changed since this lockfile are verified
 * @param today the date exceptions are checked against
 */
public record RunOptions(Path lockfile, Optional<String> registry, Optional<String> registryToken,
        Optional<Path> userNpmrc,
        Function<String, String> environment, int concurrency, HttpOptions http, Optional<Path> cacheDir,
        Optional<Path> offline, Optional<Path> recordTo, Optional<Path> policyFile, Optional<FailOn> failOn,
        Optional<Path> trustedRoot, Optional<Path> registryKeys, Optional<Lockfile> base, String userAgent,
        ProgressListener progress, LocalDate today) {

    public RunOptions {
        Objects.requireNonNull(lockfile, "lockfile");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    /** Defaults: public npm registry unless npm configuration says otherwise, no cache, system environment. */
    public static RunOptions of(Path lockfile) {
        return new RunOptions(lockfile, Optional.empty(), Optional.empty(), Optional.empty(), System::getenv, 16,
                HttpOptions.defaults(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), "npm-provenance", ProgressListener.NONE,
                LocalDate.now(ZoneOffset.UTC));
    }

    public RunOptions withRegistry(Optional<String> value) {
        return new RunOptions(lockfile, value, registryToken, userNpmrc, environment, concurrency, http, cacheDir, offline, recordTo,
                policyFile, failOn, trustedRoot, registryKeys, base, userAgent, progress, today);
    }

    public RunOptions withRegistryToken(Optional<String> value) {
        return new RunOptions(lockfile, registry, value, userNpmrc, environment, concurrency, http, cacheDir, offline,
                recordTo, policyFile, failOn, trustedRoot, registryKeys, base, userAgent, progress, today);
    }

    @Override
    public String toString() {
        return "RunOptions[lockfile=" + lockfile + ", registry=" + registry + ", token="
                + (registryToken.isPresent() ? "***" : "none") + "]";
    }

    public RunOptions withUserNpmrc(Optional<Path> value) {
        return new RunOptions(lockfile, registry, registryToken, value, environment, concurrency, http, cacheDir, offline, recordTo,
                policyFile, failOn, trustedRoot, registryKeys, base, userAgent, progress, today);
    }

    public RunOptions withEnvironment(Function<String, String> value) {
        return new RunOptions(lockfile, registry, registryToken, userNpmrc, value, concurrency, http, cacheDir, offline, recordTo,
                policyFile, failOn, trustedRoot, registryKeys, base, userAgent, progress, today);
    }

    public RunOptions withNetwork(int concurrencyValue, HttpOptions httpValue) {
        return new RunOptions(lockfile, registry, registryToken, userNpmrc, environment, concurrencyValue, httpValue, cacheDir,
                offline, recordTo, policyFile, failOn, trustedRoot, registryKeys, base, userAgent, progress, today);
    }

    public RunOptions withStorage(Optional<Path> cache, Optional<Path> offlineSnapshot, Optional<Path> record) {
        return new RunOptions(lockfile, registry, registryToken, userNpmrc, environment, concurrency, http, cache, offlineSnapshot,
                record, policyFile, failOn, trustedRoot, registryKeys, base, userAgent, progress, today);
    }

    public RunOptions withPolicy(Optional<Path> file, Optional<FailOn> failOnOverride) {
        return new RunOptions(lockfile, registry, registryToken, userNpmrc, environment, concurrency, http, cacheDir, offline,
                recordTo, file, failOnOverride, trustedRoot, registryKeys, base, userAgent, progress, today);
    }

    public RunOptions withTrust(Optional<Path> root, Optional<Path> keys) {
        return new RunOptions(lockfile, registry, registryToken, userNpmrc, environment, concurrency, http, cacheDir, offline,
                recordTo, policyFile, failOn, root, keys, base, userAgent, progress, today);
    }

    public RunOptions withBase(Optional<Lockfile> value) {
        return new RunOptions(lockfile, registry, registryToken, userNpmrc, environment, concurrency, http, cacheDir, offline,
                recordTo, policyFile, failOn, trustedRoot, registryKeys, value, userAgent, progress, today);
    }

    public RunOptions withReporting(String agent, ProgressListener listener, LocalDate date) {
        return new RunOptions(lockfile, registry, registryToken, userNpmrc, environment, concurrency, http, cacheDir, offline,
                recordTo, policyFile, failOn, trustedRoot, registryKeys, base, agent, listener, date);
    }
}
