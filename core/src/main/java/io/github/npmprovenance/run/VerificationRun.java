package io.github.npmprovenance.run;

import io.github.npmprovenance.attestation.TrustMaterial;
import io.github.npmprovenance.lockfile.Lockfile;
import io.github.npmprovenance.lockfile.LockfileDiff;
import io.github.npmprovenance.lockfile.LockfileException;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.Policy;
import io.github.npmprovenance.policy.PolicyException;
import io.github.npmprovenance.policy.PolicyReader;
import io.github.npmprovenance.registry.CachingRegistrySource;
import io.github.npmprovenance.registry.FileErrors;
import io.github.npmprovenance.registry.HttpOptions;
import io.github.npmprovenance.registry.HttpRegistrySource;
import io.github.npmprovenance.registry.KeysAhead;
import io.github.npmprovenance.registry.LocalStore;
import io.github.npmprovenance.registry.NpmrcException;
import io.github.npmprovenance.registry.NpmrcReader;
import io.github.npmprovenance.registry.OfflineRegistrySource;
import io.github.npmprovenance.registry.ProxyRoutes;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryCache;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.verify.PackageResult;
import io.github.npmprovenance.verify.Verifier;
import io.github.npmprovenance.verify.VerifierSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.TreeSet;

/**
 * One verification from lockfile to report, as every front end runs it: read the lockfile, npm configuration,
 * policy and trust material; pick the registry source (network, cache, offline snapshot, or recording); verify;
 * apply the policy.
 */
public final class VerificationRun {
    private static final String NOT_A_POLICY_FILE = "not a regular file (a policy is read from a file, not from a "
            + "directory, device or pipe)";

    private VerificationRun() {
    }

    public static RunOutcome execute(RunOptions requested) throws RunException {
        Path lockfilePath = locate(requested.lockfile());
        NpmrcFiles npmrc = npmrcFiles(requested, lockfilePath);
        RegistryConfig config = registryConfig(requested, npmrc, Set.of());
        RunOptions options = requested.withNetwork(requested.concurrency(), http(requested, npmrc, config));
        // the default registry's keys are asked for while the lockfile is read
        KeysAhead registries = new KeysAhead(registries(options));
        registries.prefetch(config.defaultRegistry());

        Lockfile lockfile = readLockfile(lockfilePath);
        // npm_config_@scope:registry can only be asked about by name: for the scopes the lockfile has
        RegistryConfig withScopes = registryConfig(requested, npmrc, scopes(lockfile));
        if (!withScopes.equals(config)) {
            // a scope whose registry only the environment sets: its proxy is decided too, by starting again
            config = withScopes;
            options = requested.withNetwork(requested.concurrency(), http(requested, npmrc, config));
            registries = new KeysAhead(registries(options));
            registries.prefetch(config.defaultRegistry());
        }
        RunOptions network = options;
        // offline and recording runs read and write only the snapshot
        Optional<Path> cacheDir = network.cacheDir().filter(dir -> network.offline().isEmpty()
                && network.recordTo().isEmpty());
        Optional<RegistryCache> cache = cacheDir.map(dir -> new RegistryCache(dir.resolve("registry")));
        Policy policy = policy(options, lockfilePath);
        TrustMaterial trust = trust(options);
        // a snapshot being recorded is marked as one only now, not for a run that cannot start
        RegistrySource source = source(options, cache, registries);
        Lockfile selected = options.base().map(base -> LockfileDiff.changedSince(lockfile, base)).orElse(lockfile);

        VerifierSettings settings = VerifierSettings.of(options.concurrency(), trust);
        List<PackageResult> results = new Verifier(config, source, settings, options.progress())
                .verify(selected);
        Report report = Report.of(lockfile.path(), config.defaultRegistry().shown(), results, policy,
                options.today());
        List<String> warnings = new ArrayList<>();
        try {
            if (cache.isPresent()) {
                cache.get().save();
            }
        } catch (IOException e) {
            // Java names only the file for the commonest failures (someone else's cache, a file in the way)
            warnings.add("cannot save the verification cache: " + FileErrors.describe(e));
        }
        return new RunOutcome(lockfile, selected.packages().size(), report, warnings);
    }

    private static Path locate(Path fileOrDirectory) throws RunException {
        try {
            return LockfileReader.locate(fileOrDirectory);
        } catch (LockfileException e) {
            throw new RunException(e.getMessage(), e);
        }
    }

    public static Lockfile readLockfile(Path path) throws RunException {
        try {
            return new LockfileReader().read(path);
        } catch (LockfileException e) {
            throw new RunException(e.getMessage(), e);
        }
    }

    /** npm's configuration files, read once for the registries and the proxies, and the reader of their values. */
    private record NpmrcFiles(NpmrcReader reader, NpmrcReader.FileSettings files) {
    }

    private static NpmrcFiles npmrcFiles(RunOptions options, Path lockfilePath) throws RunException {
        Path projectDir = lockfilePath.toAbsolutePath().normalize().getParent();
        // npm ci runs in the project, and npm takes a relative cafile, certfile or keyfile from where it runs; the
        // JVM's own working directory may be elsewhere (a Jenkins agent's root, a command line given the project)
        NpmrcReader reader = new NpmrcReader(options.environment(),
                projectDir == null ? Path.of("") : projectDir);
        Path home = UserHome.of(options.environment());
        NpmrcReader.UserNpmrc user = userNpmrcAsChosen(options.userNpmrc(), options.environment(), lockfilePath);
        Path project = projectDir == null ? null : projectDir.resolve(".npmrc");
        try {
            NpmrcReader.FileSettings projectAndUser = reader.files(project, user, null);
            Optional<NpmrcReader.GlobalNpmrc> global = reader.globalNpmrc(projectAndUser, home, projectDir);
            return new NpmrcFiles(reader, global.isEmpty() ? projectAndUser
                    : reader.files(project, user, global.get()));
        } catch (IOException e) {
            // Java names only the file for the commonest failures (an unreadable ~/.npmrc)
            throw new RunException("bad registry configuration: " + FileErrors.describe(e), e);
        }
    }

    /**
     * The user's {@code .npmrc} as the run reads it: the one given, else {@code NPM_CONFIG_USERCONFIG}, else the
     * {@code userconfig} the project's {@code .npmrc} names, as npm reads it, else {@code ~/.npmrc}; front ends ask
     * too, so that a report path never replaces it (where the tokens are: in CI, actions/setup-node names its own in
     * {@code NPM_CONFIG_USERCONFIG}).
     *
     * @param lockfile the lockfile or its directory: npm runs there, and takes a relative
     *     {@code NPM_CONFIG_USERCONFIG} from there (a given path is the caller's, relative to this JVM's directory)
     */
    public static Path userNpmrc(Optional<Path> given, Function<String, String> environment, Path lockfile) {
        return userNpmrcAsChosen(given, environment, lockfile).path();
    }

    /**
     * The user's {@code .npmrc} and who chose it: one the project's {@code .npmrc} names is the project's choice,
     * and so are its settings (in CI, a pull request's), which must not pick who sees credentials or which keys
     * count any more than the project's own file may.
     */
    private static NpmrcReader.UserNpmrc userNpmrcAsChosen(Optional<Path> given, Function<String, String> environment,
            Path lockfile) {
        Path home = UserHome.of(environment);
        if (given.isPresent()) {
            return new NpmrcReader.UserNpmrc(new NpmrcReader(environment).path(given.get().toString(), home), false);
        }
        // npm reads npm_config_* in any case, and exports npm_config_userconfig to the scripts it runs
        String value = environment.apply("NPM_CONFIG_USERCONFIG");
        if (value == null || value.isEmpty()) {
            value = environment.apply("npm_config_userconfig");
        }
        NpmrcReader reader = new NpmrcReader(environment, npmWorkingDirectory(lockfile));
        if (value == null || value.isEmpty()) {
            try {
                Path usual = home.resolve(".npmrc");
                // naming the file npm would read anyway chooses nothing
                return reader.userconfigOf(npmWorkingDirectory(lockfile).resolve(".npmrc"), home)
                        .map(path -> new NpmrcReader.UserNpmrc(path, !path.toAbsolutePath().normalize()
                                .equals(usual.toAbsolutePath().normalize())))
                        .orElse(new NpmrcReader.UserNpmrc(usual, false));
            } catch (IOException e) {
                // the run reads the project's file again, and says what is wrong with it
                return new NpmrcReader.UserNpmrc(home.resolve(".npmrc"), false);
            }
        }
        // read as npm reads a path setting: a CI's env: block sets ~/ci.npmrc with no shell to expand the ~
        return new NpmrcReader.UserNpmrc(reader.path(value, home), false);
    }

    /** Where npm runs for this lockfile (or directory holding one): the directory the lockfile is in. */
    private static Path npmWorkingDirectory(Path lockfile) {
        Path absolute = lockfile.toAbsolutePath().normalize();
        Path directory = Files.isDirectory(absolute) ? absolute : absolute.getParent();
        return directory == null ? Path.of("") : directory;
    }

    private static Set<String> scopes(Lockfile lockfile) {
        Set<String> scopes = new TreeSet<>();
        lockfile.packages().forEach(locked -> RegistryConfig.scopeOf(locked.name()).ifPresent(scopes::add));
        return scopes;
    }

    private static RegistryConfig registryConfig(RunOptions options, NpmrcFiles npmrc, Set<String> scopes)
            throws RunException {
        if (options.registryToken().isPresent() && options.registry().isEmpty()) {
            // without it the default registry may come from the project's .npmrc or NPM_CONFIG_REGISTRY, which a
            // pull request can point at its own host, and the token would go there
            throw new RunException("a registry token needs an explicit registry: the token is sent only to the "
                    + "registry given with it, never to one chosen by .npmrc or NPM_CONFIG_REGISTRY", null);
        }
        try {
            RegistryConfig config = npmrc.reader().read(options.registry(), npmrc.files(), scopes);
            if (options.registryToken().isEmpty()) {
                return config;
            }
            // read above as npm's registry setting, so a valid URL; the token replaces npm's credentials for it
            return config.withToken(options.registry().get(), options.registryToken().get());
        } catch (NpmrcException e) {
            throw new RunException("bad registry configuration: " + e.getMessage(), e);
        }
    }

    /**
     * The network options with the proxy npm would use for each registry, unless the caller chose one (the
     * Jenkins controller's), and the certificate authorities of npm's {@code ca} or {@code cafile} or of
     * {@code NODE_EXTRA_CA_CERTS} ({@link NpmrcReader#trust}); an offline run contacts nothing.
     */
    private static HttpOptions http(RunOptions options, NpmrcFiles npmrc, RegistryConfig config)
            throws RunException {
        if (options.offline().isPresent()) {
            return options.http();
        }
        List<Registry> registries = new ArrayList<>(config.scopes().values());
        registries.add(config.defaultRegistry());
        HttpOptions http;
        try {
            http = options.http().withNpmRetries(npmrc.reader().retries(npmrc.files()));
        } catch (NpmrcException e) {
            throw new RunException("bad registry configuration: " + e.getMessage(), e);
        }
        // read only where it is used: Debian's bundle of 144 certificates costs a cold JVM about 0.1 s
        if (registries.stream().anyMatch(r -> r.baseUri().getScheme().equals("https"))) {
            try {
                http = http.withTrust(npmrc.reader().trust(npmrc.files(), UserHome.of(options.environment())))
                        .withCertificateChecksOffBy(npmrc.reader().certificateChecksOff(npmrc.files()));
            } catch (NpmrcException e) {
                throw new RunException("bad TLS configuration: " + e.getMessage(), e);
            }
        }
        if (http.proxy().isPresent()) {
            // the caller's (the Jenkins controller's), decided once per registry as npm's are, not per request
            try {
                return http.withProxy(Optional.of(ProxyRoutes.decide(registries, http.proxy().get())));
            } catch (RegistryException e) {
                throw new RunException("bad proxy configuration: " + e.getMessage(), e);
            }
        }
        try {
            return http.withProxy(Optional.of(npmrc.reader().proxyRoutes(npmrc.files(), registries,
                    UserHome.of(options.environment()))));
        } catch (NpmrcException e) {
            throw new RunException("bad proxy configuration: " + e.getMessage(), e);
        }
    }

    private static Policy policy(RunOptions options, Path lockfilePath) throws RunException {
        try {
            Policy policy;
            if (options.policyFile().isPresent()) {
                Path file = options.policyFile().get();
                if (!Files.isRegularFile(file)) {
                    throw new PolicyException(file.toString(), 0,
                            Files.exists(file) ? NOT_A_POLICY_FILE : "no such policy file");
                }
                policy = new PolicyReader().read(file);
            } else {
                Path beside = lockfilePath.resolveSibling(PolicyReader.DEFAULT_FILE_NAME);
                Path misnamed = lockfilePath.resolveSibling(".npm-provenance.yaml");
                if (Files.isRegularFile(beside)) {
                    policy = new PolicyReader().read(beside);
                } else if (Files.exists(beside, LinkOption.NOFOLLOW_LINKS)) {
                    // the project has a policy that cannot be read (a link into a submodule that was not checked
                    // out, a directory): running under the default policy instead would drop its rules unseen
                    throw new PolicyException(beside.toString(), 0, Files.exists(beside) ? NOT_A_POLICY_FILE
                            : "a symbolic link to nothing that exists");
                } else if (Files.exists(misnamed, LinkOption.NOFOLLOW_LINKS)) {
                    // the rules its author wrote would silently not apply
                    throw new PolicyException(misnamed.toString(), 0, "the policy file is named "
                            + PolicyReader.DEFAULT_FILE_NAME + ": rename this one, which is not read");
                } else {
                    policy = Policy.defaults(FailOn.DEFAULT);
                }
            }
            return options.failOn().map(policy::withFailOn).orElse(policy);
        } catch (PolicyException e) {
            throw new RunException(e.getMessage(), e);
        }
    }

    private static TrustMaterial trust(RunOptions options) throws RunException {
        if (options.trustedRoot().isEmpty() && options.registryKeys().isEmpty()) {
            return TrustMaterial.embedded();
        }
        try {
            return TrustMaterial.of(options.trustedRoot(), options.registryKeys());
        } catch (TrustMaterial.TrustMaterialException e) {
            throw new RunException(e.getMessage(), e);
        }
    }

    /**
     * Where registry data comes from: the snapshot when offline, else the registries themselves. A snapshot in
     * another layout is refused here, once, rather than every package found missing from it.
     */
    private static RegistrySource registries(RunOptions options) throws RunException {
        if (options.offline().isPresent()) {
            try {
                return new OfflineRegistrySource(LocalStore.open(options.offline().get()));
            } catch (IOException e) {
                throw new RunException(e.getMessage(), e);
            }
        }
        return new HttpRegistrySource(options.http(), options.userAgent());
    }

    /** The registries, with what a run keeps of them: a snapshot being recorded, or the cache. */
    private static RegistrySource source(RunOptions options, Optional<RegistryCache> cache, RegistrySource registries)
            throws RunException {
        if (options.offline().isPresent()) {
            return registries;
        }
        if (options.recordTo().isPresent()) {
            try {
                return CachingRegistrySource.recording(LocalStore.create(options.recordTo().get()), registries);
            } catch (IOException e) {
                throw new RunException("cannot write the snapshot " + options.recordTo().get() + ": "
                        + FileErrors.describe(e), e);
            }
        }
        return cache.<RegistrySource>map(c -> CachingRegistrySource.caching(c, registries)).orElse(registries);
    }
}
