package io.github.npmprovenance.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.X509TrustManager;

/**
 * Builds a {@link RegistryConfig} the way npm reads its configuration: the command line, then
 * {@code NPM_CONFIG_REGISTRY}, then the project's {@code .npmrc}, then the user's {@code .npmrc}, then npm's global
 * {@code npmrc} ({@link #globalNpmrc}, found with {@code globalconfig} and {@code prefix}). Only the
 * keys this tool needs are read: {@code registry}, {@code @scope:registry} and the credentials of
 * {@code //host/path/}: {@code :_authToken}, {@code :_auth}, {@code :username} with {@code :_password}, and the
 * client certificate of {@code :certfile} with {@code :keyfile} ({@link ClientCertificate}); for
 * {@link #proxyRoutes}, {@code https-proxy}, {@code proxy} and {@code noproxy}; and, for {@link #trust},
 * {@code ca} and {@code cafile}. Each file is read by {@link NpmrcFile}, the environment's layer by
 * {@link NpmrcEnvironment}; what this class layers, the others decide from: {@link NpmRegistries},
 * {@link CertificateAuthorities}, {@link GlobalNpmrcLocator} and {@link NpmProxy}.
 */
public final class NpmrcReader {
    private final NpmrcEnvironment environment;
    private final CertificateAuthorities certificateAuthorities;

    /**
     * A setting's value, and where it was set, for messages that must not repeat the value.
     *
     * @param fromProject whether the project's {@code .npmrc} set it: in CI, whoever wrote the checkout (a pull
     *     request) did
     * @param written the value before {@code ${NAME}} expansion (trimmed and unquoted)
     */
    record Setting(String value, String origin, boolean fromProject, String written) {
        Setting(String value, String origin, boolean fromProject) {
            this(value, origin, fromProject, value);
        }

        Setting(String value, String origin) {
            this(value, origin, false);
        }

        /** Where it was set, never its value: a proxy URL or a token setting holds a secret. */
        @Override
        public String toString() {
            return origin;
        }
    }

    /** Relative paths in the settings are taken from the JVM's working directory. */
    public NpmrcReader(Function<String, String> environment) {
        this(environment, Path.of(""));
    }

    /**
     * @param workingDirectory the directory npm runs in: npm resolves a relative {@code cafile} (and
     *     {@code globalconfig} and {@code prefix}) against it, npm-registry-fetch reads a relative {@code certfile}
     *     and {@code keyfile} from it, and Node a relative {@code NODE_EXTRA_CA_CERTS}
     */
    public NpmrcReader(Function<String, String> environment, Path workingDirectory) {
        this.environment = new NpmrcEnvironment(environment, workingDirectory);
        this.certificateAuthorities = new CertificateAuthorities(this.environment);
    }

    /**
     * A path setting ({@code userconfig}) as npm reads one: trimmed, {@code ${NAME}} expanded, and a leading
     * {@code ~/} ({@code ~\\} on Windows too) taken as the home directory; what is still relative is relative to
     * npm's working directory (see {@link #NpmrcReader(Function, Path)}).
     */
    public Path path(String value, Path home) {
        return environment.path(value, home);
    }

    /**
     * The user configuration file the project's {@code .npmrc} names ({@code userconfig}), read as npm reads it:
     * npm loads the project's file first because it "can affect userconfig location", and only the command line and
     * the environment outrank it. Empty where the file sets none, or sets none that can be a file.
     *
     * @throws IOException the project's file cannot be read (the run's reading of it says why)
     */
    public Optional<Path> userconfigOf(Path projectNpmrc, Path home) throws IOException {
        Setting setting = NpmrcFile.read(projectNpmrc, true, environment).values().get("userconfig");
        if (setting == null || IniText.jsTrim(setting.value()).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(environment.path(setting.value(), home));
        } catch (java.nio.file.InvalidPathException e) {
            // no file has such a name (a NUL in it); the path is not quoted, as it may hold an expanded secret
            return Optional.empty();
        }
    }

    /**
     * The certificate authorities HTTPS registries are checked against, as npm on Node has them: those of npm's
     * {@code ca} (PEM text) or {@code cafile} (a PEM file; {@code ~/} is the home directory, a relative path is
     * relative to npm's working directory), applied as npm applies them ({@link AuthoritySetting}: the global file's,
     * the user's, the project's, then {@code NPM_CONFIG_CA} and {@code NPM_CONFIG_CAFILE}), which replace all others,
     * as npm's {@code ca} replaces Node's; else the JVM's with those of {@code NODE_EXTRA_CA_CERTS} added, as Node adds
     * them to its own. Empty when neither gives a certificate ({@code ca=null} asks for that): the JVM's alone. As npm
     * ignores a {@code cafile} that does not exist or holds no byte, and Node an extra file it cannot load, so are
     * they here.
     *
     * @throws NpmrcException the {@code cafile} cannot be read, or it or {@code ca} holds text but no certificate
     *     (npm would trust no authority at all); the message names the setting, never its value
     */
    public Optional<X509TrustManager> trust(FileSettings read, Path home) throws NpmrcException {
        return certificateAuthorities.trust(read, home);
    }

    /**
     * Where npm's configuration sets {@code strict-ssl=false}, with which npm accepts any certificate: not followed
     * here, only named when a certificate is refused.
     */
    public Optional<String> certificateChecksOff(FileSettings read) {
        return environment.setting("strict-ssl", read.byKey()).filter(s -> isFalse(s.value())).map(Setting::origin);
    }

    /**
     * npm's {@code fetch-retries}, {@code fetch-retry-factor}, {@code fetch-retry-mintimeout} and
     * {@code fetch-retry-maxtimeout}, where set; one that is no number is an error naming the setting, as a run
     * would otherwise retry other than the project asked.
     */
    public NpmRetries retries(FileSettings read) throws NpmrcException {
        Optional<Double> retries = number(read, "fetch-retries");
        if (retries.isPresent() && (retries.get() < 0 || retries.get() != Math.floor(retries.get())
                || retries.get() > 100)) {
            throw new NpmrcException(origin(read, "fetch-retries") + ": fetch-retries must be a whole number from 0 "
                    + "to 100");
        }
        Optional<Double> factor = number(read, "fetch-retry-factor");
        if (factor.isPresent() && !(factor.get() > 0)) {
            throw new NpmrcException(origin(read, "fetch-retry-factor") + ": fetch-retry-factor must be above 0");
        }
        return new NpmRetries(retries.map(Double::intValue), milliseconds(read, "fetch-retry-mintimeout"), factor,
                milliseconds(read, "fetch-retry-maxtimeout"));
    }

    private Optional<Duration> milliseconds(FileSettings read, String key) throws NpmrcException {
        Optional<Double> value = number(read, key);
        if (value.isPresent() && !(value.get() >= 0 && value.get() <= Duration.ofDays(1).toMillis())) {
            throw new NpmrcException(origin(read, key) + ": " + key + " must be a number of milliseconds, at most a "
                    + "day");
        }
        return value.map(v -> Duration.ofMillis(v.longValue()));
    }

    private Optional<Double> number(FileSettings read, String key) throws NpmrcException {
        Optional<Setting> setting = environment.setting(key, read.byKey());
        if (setting.isEmpty()) {
            return Optional.empty();
        }
        try {
            double value = Double.parseDouble(setting.get().value().trim());
            if (Double.isFinite(value)) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new NpmrcException(setting.get().origin() + ": " + key + " is not a number");
    }

    private String origin(FileSettings read, String key) {
        return environment.setting(key, read.byKey()).map(Setting::origin).orElse(key);
    }

    /** As npm's option parser (nopt) reads a boolean: {@code false}, {@code null}, or a number that is zero. */
    private static boolean isFalse(String value) {
        String text = value.trim();
        if (text.equals("false") || text.equals("null") || text.isEmpty()) {
            return true;
        }
        try {
            return Double.parseDouble(text) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @param commandLineRegistry {@code --registry}, highest precedence
     * @param projectNpmrc the {@code .npmrc} next to the lockfile (may not exist)
     * @param userNpmrc {@code NPM_CONFIG_USERCONFIG} or {@code ~/.npmrc} (may not exist)
     * @throws NpmrcException a registry URL is unusable; the message says where, without the value
     */
    public RegistryConfig read(Optional<String> commandLineRegistry, Path projectNpmrc, Path userNpmrc)
            throws IOException, NpmrcException {
        return read(commandLineRegistry, files(projectNpmrc, userNpmrc));
    }

    /** The registries of settings read once with {@link #files}, for them and the proxies alike. */
    public RegistryConfig read(Optional<String> commandLineRegistry, FileSettings files) throws NpmrcException {
        return read(commandLineRegistry, files, List.of());
    }

    /**
     * @param scopesInUse the scopes ({@code @scope}) of the packages to be fetched: npm reads
     *     {@code npm_config_@scope:registry} from the environment (in any case, above the files), and an environment
     *     cannot be listed, only asked about the names these give
     */
    public RegistryConfig read(Optional<String> commandLineRegistry, FileSettings files,
            Collection<String> scopesInUse) throws NpmrcException {
        return new NpmRegistries(environment).config(commandLineRegistry, files, scopesInUse);
    }

    /** The token alone, for callers that ask only about tokens: see {@link RegistryCredentials#of}. */
    static Optional<String> tokenFor(URI registry, Map<String, String> settings) {
        return RegistryCredentials.of(registry, settings, Path.of("")).token();
    }

    /**
     * What npm's files set, a higher file's over a lower one's.
     *
     * @param byKey each key's value in the file of highest precedence that sets it
     * @param authorities the {@code ca} and {@code cafile} settings, in the order npm applies them (see
     *     {@link AuthoritySetting})
     */
    public record FileSettings(Map<String, Setting> byKey, List<AuthoritySetting> authorities) {
        public FileSettings {
            byKey = Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
            authorities = List.copyOf(authorities);
        }

        public FileSettings(Map<String, Setting> byKey) {
            this(byKey, List.of());
        }
    }

    /**
     * A file's {@code ca} (its values: one, or those of {@code ca[]} lines, which ini gathers into an array) or
     * {@code cafile}. npm does not merge these two by key as it merges the others: it applies each file's, from the
     * lowest file to the highest, and within a file in the order the two keys first appear; each replaces the
     * authorities set before it, except a {@code cafile} that names no file or an empty one, which changes nothing.
     */
    public record AuthoritySetting(boolean isCafile, List<Setting> values) {
        public AuthoritySetting {
            values = List.copyOf(values);
        }
    }

    /**
     * Reads both files. As in npm, a project {@code .npmrc} that is the user's own (a project in the home directory)
     * is read once, as the user's.
     *
     * @param projectNpmrc the {@code .npmrc} next to the lockfile (may not exist)
     * @param userNpmrc {@code NPM_CONFIG_USERCONFIG} or {@code ~/.npmrc} (may not exist)
     */
    public FileSettings files(Path projectNpmrc, Path userNpmrc) throws IOException {
        return files(projectNpmrc, new UserNpmrc(userNpmrc, false), null);
    }

    /**
     * The user's {@code .npmrc}, and whether the project chose it (its {@code .npmrc} names it as
     * {@code userconfig}): then its settings count as the project's.
     */
    public record UserNpmrc(Path path, boolean namedByProject) {
    }

    /**
     * npm's global {@code npmrc}, and whether the project chose it (its {@code .npmrc} named it, or it lies in the
     * project's directory): then its settings count as the project's.
     */
    public record GlobalNpmrc(Path path, boolean namedByProject) {
    }

    /**
     * Reads the three files npm reads, the project's over the user's over the global one.
     *
     * @param globalNpmrc npm's global {@code npmrc} ({@link #globalNpmrc}); null when there is none
     */
    public FileSettings files(Path projectNpmrc, UserNpmrc userNpmrc, GlobalNpmrc globalNpmrc) throws IOException {
        boolean sameFile = projectNpmrc != null && userNpmrc.path() != null
                && projectNpmrc.toAbsolutePath().normalize().equals(userNpmrc.path().toAbsolutePath().normalize());
        if (sameFile && userNpmrc.namedByProject()) {
            // npm stops here too ("double-loading config ... as user, previously loaded as project"); read once as
            // the user's, the project's settings would pass for the user's
            throw new IOException("the project's .npmrc names itself as the user's configuration (userconfig), "
                    + "which npm refuses to load twice");
        }
        // later files override earlier ones, so read from lowest to highest precedence
        List<NpmrcFile> parsed = new ArrayList<>();
        if (globalNpmrc != null) {
            try {
                parsed.add(NpmrcFile.read(globalNpmrc.path(), globalNpmrc.namedByProject(), environment));
            } catch (IOException e) {
                // npm ignores a global file it cannot read (one only root may read, say), as it ignores a missing one
            }
        }
        parsed.add(NpmrcFile.read(userNpmrc.path(), userNpmrc.namedByProject(), environment));
        if (projectNpmrc != null && !sameFile) {
            parsed.add(NpmrcFile.read(projectNpmrc, true, environment));
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        List<AuthoritySetting> authorities = new ArrayList<>();
        for (NpmrcFile file : parsed) {
            settings.putAll(file.values());
            authorities.addAll(file.authorities());
        }
        return new FileSettings(settings, authorities);
    }

    /**
     * npm's global configuration file, as npm finds it: {@code globalconfig} where the environment or the project's
     * or user's file sets it, else {@code etc/npmrc} below the {@code prefix} they set, else below npm's default
     * prefix: {@code PREFIX}, else the directory above the one holding the {@code node} that {@code PATH} finds (links
     * resolved, as Node's {@code process.execPath} has them), under {@code DESTDIR} when set. An empty
     * {@code globalconfig} or {@code prefix} names the working directory in npm, so no file; and where the
     * {@code node} on {@code PATH} cannot be taken for npm's (a script, such as a version manager's shim, whose
     * {@code node} only running it would tell; a relative {@code PATH} entry; Windows and Homebrew, whose npm carries
     * its own {@code prefix} in a built-in file), none is read. A file the project's {@code .npmrc} names, or one in
     * the project's directory (a {@code node} in its {@code node_modules/.bin}), is the pull request's in CI: its
     * settings count as the project's.
     */
    public Optional<GlobalNpmrc> globalNpmrc(FileSettings projectAndUser, Path home, Path projectDirectory) {
        return new GlobalNpmrcLocator(environment).locate(projectAndUser, home, projectDirectory);
    }

    /**
     * The proxy npm would use for each of these registries, from {@code https-proxy}, {@code proxy} and
     * {@code noproxy} (each from {@code NPM_CONFIG_*}, the project's {@code .npmrc}, then the user's) and, when
     * those are not set, the {@code https_proxy}, {@code http_proxy}, {@code proxy} and {@code no_proxy}
     * variables that {@code @npmcli/agent} reads (in either case); where none of them gives a proxy for a
     * registry's scheme, Java's default proxy selector ({@code -Dhttps.proxyHost} and the like). A {@code cafile}
     * of {@code ~/...} is taken to be beside {@code userNpmrc}, which is {@code ~/.npmrc}.
     *
     * @throws NpmrcException a proxy npm would use is unusable; the message names the setting, not its value
     */
    public ProxyRoutes proxyRoutes(Path projectNpmrc, Path userNpmrc, Collection<Registry> registries)
            throws IOException, NpmrcException {
        return proxyRoutes(files(projectNpmrc, userNpmrc), registries, userNpmrc.toAbsolutePath().getParent());
    }

    /**
     * The proxies of settings read once with {@link #files}.
     *
     * @param home the home directory a {@code cafile} of {@code ~/...} is in: a proxy and the certificate
     *     authorities both named by the project's {@code .npmrc} are refused for a registry with credentials
     */
    public ProxyRoutes proxyRoutes(FileSettings read, Collection<Registry> registries, Path home)
            throws NpmrcException {
        return NpmProxy.of(read.byKey(), environment)
                .routes(registries, Optional.ofNullable(java.net.ProxySelector.getDefault()),
                        certificateAuthorities.decisive(read, home)
                                .map(a -> a.values().get(a.values().size() - 1)));
    }
}
