package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds a {@link RegistryConfig} the way npm reads its configuration: the command line, then
 * {@code NPM_CONFIG_REGISTRY}, then the project's {@code .npmrc}, then the user's {@code .npmrc}, then npm's global
 * {@code npmrc} ({@link #globalNpmrc}, found with {@code globalconfig} and {@code prefix}). Only the
 * keys this tool needs are read: {@code registry}, {@code @scope:registry} and the credentials of
 * {@code //host/path/}: {@code :_authToken}, {@code :_auth}, {@code :username} with {@code :_password}; for
 * {@link #proxyRoutes}, {@code https-proxy}, {@code proxy} and {@code noproxy}; and, for {@link #trust},
 * {@code ca} and {@code cafile}.
 */
public final class NpmrcReader {
    /** npm's: backslashes before {@code ${NAME}} or {@code ${NAME?}}, a name without {@code $}, braces or {@code ?}. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("(?<!\\\\)(\\\\*)\\$\\{([^${}?]+)(\\?)?}");

    private static final String NEWLINES_IN_CA = "; newlines in a ca value are written \\n inside double quotes";

    private final Function<String, String> environment;

    /**
     * A setting's value, and where it was set, for messages that must not repeat the value.
     *
     * @param fromProject whether the project's {@code .npmrc} set it: in CI, whoever wrote the checkout (a pull
     *     request) did
     */
    record Setting(String value, String origin, boolean fromProject) {
        Setting(String value, String origin) {
            this(value, origin, false);
        }

        /** Where it was set, never its value: a proxy URL or a token setting holds a secret. */
        @Override
        public String toString() {
            return origin;
        }
    }

    public NpmrcReader(Function<String, String> environment) {
        this.environment = environment;
    }

    public static NpmrcReader fromSystem() {
        return new NpmrcReader(System::getenv);
    }

    /**
     * A path setting ({@code userconfig}) as npm reads one: trimmed, {@code ${NAME}} expanded, and a leading
     * {@code ~/} ({@code ~\\} on Windows too) taken as the home directory; what is still relative is relative to the
     * working directory.
     */
    public Path path(String value, Path home) {
        return homeRelative(expand(jsTrim(value)), home);
    }

    private static Path homeRelative(String expanded, Path home) {
        boolean windows = java.io.File.separatorChar == '\\';
        if (expanded.startsWith("~/") || windows && expanded.startsWith("~\\")) {
            return home.resolve(expanded.substring(2));
        }
        return Path.of(expanded);
    }

    /**
     * The certificate authorities HTTPS registries are checked against, as npm on Node has them: those of npm's
     * {@code ca} (PEM text) or {@code cafile} (a PEM file; {@code ~/} is the home directory, a relative path is
     * relative to the working directory), applied as npm applies them ({@link AuthoritySetting}: the global file's,
     * the user's, the project's, then {@code NPM_CONFIG_CA} and {@code NPM_CONFIG_CAFILE}), which replace all others,
     * as npm's {@code ca} replaces Node's; else the JVM's with those of {@code NODE_EXTRA_CA_CERTS} added, as Node adds
     * them to its own. Empty when neither gives a certificate ({@code ca=null} asks for that): the JVM's alone. As npm
     * ignores a {@code cafile} that does not exist or holds no byte, and Node an extra file it cannot load, so are
     * they here.
     *
     * @throws NpmrcException the {@code cafile} cannot be read, or it or {@code ca} holds text but no certificate
     *     (npm would trust no authority at all); the message names the setting, never its value
     */
    public Optional<SSLContext> trust(FileSettings read, Path home) throws NpmrcException {
        Optional<AuthoritySetting> decides = authorities(read, home);
        if (decides.isPresent()) {
            List<Certificate> authorities = decides.get().isCafile()
                    ? cafile(decides.get().values().get(0), home) : ca(decides.get().values());
            try {
                return Optional.of(trusting(authorities));
            } catch (IOException | GeneralSecurityException e) {
                throw new NpmrcException(decides.get().values().get(0) + ": its certificates cannot be used ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            }
        }
        String extra = environment.apply("NODE_EXTRA_CA_CERTS");
        if (extra == null || extra.isEmpty()) {
            return Optional.empty();
        }
        try {
            // Node keeps the certificates before one it cannot load, and warns
            List<Certificate> extras = PemCertificates.readLeading(Path.of(extra));
            if (extras.isEmpty()) {
                return Optional.empty();
            }
            TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvm.init((KeyStore) null);
            List<Certificate> withExtras = new java.util.ArrayList<>(extras);
            for (javax.net.ssl.TrustManager manager : jvm.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                    withExtras.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            return Optional.of(trusting(withExtras));
        } catch (IOException | GeneralSecurityException | java.nio.file.InvalidPathException e) {
            // Node warns and goes on with its own authorities
            return Optional.empty();
        }
    }

    /**
     * Whether the {@code ca} or {@code cafile} in effect comes from the project's {@code .npmrc}: in CI that is the
     * pull request's, and an authority it names can pass for any host, the public registry included.
     */
    public boolean authoritiesFromProject(FileSettings read, Path home) {
        return authorities(read, home).filter(a -> a.values().stream().anyMatch(Setting::fromProject)).isPresent();
    }

    /**
     * The {@code ca} or {@code cafile} whose certificates replace the JVM's, as npm applies them
     * ({@link AuthoritySetting}: the global file's, the user's, the project's, then {@code NPM_CONFIG_CA} and
     * {@code NPM_CONFIG_CAFILE}); empty when none does: {@code ca=null} last, or only a {@code cafile} npm ignores.
     * Only this one is read, as only the last one applied counts in npm.
     */
    Optional<AuthoritySetting> authorities(FileSettings read, Path home) {
        List<AuthoritySetting> applied = new java.util.ArrayList<>(read.authorities());
        // npm's layer above the files; its order within the environment is the process's, which Java cannot see
        environmentSetting("ca").ifPresent(s -> applied.add(new AuthoritySetting(false, List.of(s))));
        environmentSetting("cafile").ifPresent(s -> applied.add(new AuthoritySetting(true, List.of(s))));
        Optional<AuthoritySetting> decides = Optional.empty();
        for (AuthoritySetting setting : applied) {
            if (!setting.isCafile()) {
                boolean isNull = setting.values().size() == 1 && jsTrim(setting.values().get(0).value()).equals("null");
                decides = isNull ? Optional.empty() : Optional.of(setting);
            } else if (!ignoredByNpm(setting.values().get(0), home)) {
                decides = Optional.of(setting);
            }
        }
        return decides;
    }

    /**
     * npm ignores a {@code cafile} that is not set, not there or holds nothing at all; one of blank lines makes its
     * ca an empty list, which trusts no authority, so it counts (as a file without a certificate).
     */
    private boolean ignoredByNpm(Setting cafile, Path home) {
        String value = jsTrim(cafile.value());
        if (List.of("", "null").contains(value)) {
            return true;
        }
        Path file = homeRelative(value, home);
        try {
            return !Files.exists(file) || Files.isRegularFile(file) && Files.size(file) == 0;
        } catch (IOException e) {
            // reading it fails, and says why
            return false;
        }
    }

    /** The certificates of a {@code cafile} npm does not ignore ({@link #ignoredByNpm}). */
    private List<Certificate> cafile(Setting cafile, Path home) throws NpmrcException {
        Path file = homeRelative(jsTrim(cafile.value()), home);
        try {
            List<Certificate> authorities = PemCertificates.read(file);
            if (authorities.isEmpty()) {
                throw new NpmrcException(cafile + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in " + file);
            }
            return authorities;
        } catch (IOException | GeneralSecurityException e) {
            throw new NpmrcException(cafile + ": " + file + " cannot be read as certificates ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * The certificates of a {@code ca} setting other than {@code ca=null}. Text that holds no certificate (an empty
     * {@code ca=}, newlines written {@code \n} outside double quotes, which only a JSON string turns into newlines)
     * makes Node trust no authority at all: a configuration error here.
     */
    private static List<Certificate> ca(List<Setting> values) throws NpmrcException {
        List<Certificate> authorities = new java.util.ArrayList<>();
        for (Setting value : values) {
            try {
                authorities.addAll(PemCertificates.parse(value.value()));
            } catch (java.security.cert.CertificateException e) {
                throw new NpmrcException(value + ": cannot be read as PEM certificates ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + NEWLINES_IN_CA
                        + ")");
            }
        }
        if (authorities.isEmpty()) {
            throw new NpmrcException(values.get(values.size() - 1) + ": no PEM certificate (-----BEGIN CERTIFICATE-----"
                    + NEWLINES_IN_CA + ")");
        }
        return authorities;
    }

    private static SSLContext trusting(List<Certificate> authorities) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < authorities.size(); i++) {
            store.setCertificateEntry("authority-" + i, authorities.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
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
        Map<String, Setting> settings = new LinkedHashMap<>(files.byKey());
        environmentSetting("registry").filter(s -> !s.value().isEmpty()).ifPresent(s -> settings.put("registry", s));
        commandLineRegistry.ifPresent(r -> settings.put("registry", new Setting(r, "the registry given explicitly")));
        java.util.Set<String> scopeNames = new java.util.TreeSet<>(scopesInUse);
        files.byKey().keySet().stream().filter(k -> k.startsWith("@") && k.endsWith(":registry"))
                .forEach(k -> scopeNames.add(k.substring(0, k.length() - ":registry".length())));
        for (String scope : scopeNames) {
            String key = scope + ":registry";
            // npm lower-cases what follows the prefix: no variable sets a scope with capitals
            if (key.equals(key.toLowerCase(java.util.Locale.ROOT))) {
                environmentSetting(key).ifPresent(s -> settings.put(key, s));
            }
        }

        Map<String, String> credentials = new HashMap<>();
        Map<String, Setting> scopeUrls = new HashMap<>();
        settings.forEach((key, setting) -> {
            if (key.startsWith("//")) {
                credentials.put(key, setting.value());
            } else if (key.startsWith("@") && key.endsWith(":registry")) {
                scopeUrls.put(key.substring(0, key.length() - ":registry".length()), setting);
            }
        });
        Setting registry = settings.getOrDefault("registry",
                new Setting(Registry.PUBLIC_NPM.toString(), "the default registry"));
        Registry defaultRegistry = withToken(registry, withEnvironmentCredentials(registry, credentials));
        Map<String, Registry> scopes = new HashMap<>();
        for (Map.Entry<String, Setting> scope : scopeUrls.entrySet()) {
            scopes.put(scope.getKey(), withToken(scope.getValue(),
                    withEnvironmentCredentials(scope.getValue(), credentials)));
        }
        return new RegistryConfig(defaultRegistry, scopes);
    }

    private static final List<String> CREDENTIAL_KEYS = List.of(":_authToken", ":_auth", ":username", ":_password",
            ":certfile", ":keyfile");

    /**
     * {@code npm_config_<key>} as npm reads it, above the files: the prefix and what follows it in any case (npm
     * lower-cases it, with {@code -} for {@code _}; a key starting with {@code //} is kept as written), the
     * spellings asked about all upper or all lower case; an empty one is not set. Its value is parsed as a file's:
     * trimmed, {@code ${NAME}} expanded (a CI workflow's {@code env:} block has no shell to do it).
     */
    private Optional<Setting> environmentSetting(String key) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (key.startsWith("//")) {
            names.add("NPM_CONFIG_" + key);
            names.add("npm_config_" + key);
        } else {
            for (String spelling : List.of(key.replace('-', '_'), key)) {
                names.add("NPM_CONFIG_" + spelling.toUpperCase(java.util.Locale.ROOT));
                names.add("npm_config_" + spelling);
            }
        }
        for (String name : names) {
            String value = environment.apply(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new Setting(expand(jsTrim(value)), name));
            }
        }
        return Optional.empty();
    }

    /**
     * The credentials with those npm reads from the environment for this registry, above the files':
     * {@code npm_config_//host/path/:_authToken} and the like (npm keeps a key that starts with {@code //} as
     * written), for each prefix of the registry's {@code //host/path/} that {@link #credentialsFor} walks.
     */
    private Map<String, String> withEnvironmentCredentials(Setting url, Map<String, String> credentials) {
        URI base;
        try {
            base = Registry.normalize(new URI(url.value()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // withToken says why
            return credentials;
        }
        Map<String, String> merged = new HashMap<>(credentials);
        String candidate = nerfDart(base);
        while (candidate.length() > "//".length()) {
            for (String suffix : CREDENTIAL_KEYS) {
                String key = candidate + suffix;
                environmentSetting(key).ifPresent(s -> merged.put(key, s.value()));
            }
            candidate = candidate.endsWith("/") ? candidate.substring(0, candidate.length() - 1)
                    : candidate.substring(0, candidate.lastIndexOf('/') + 1);
        }
        return merged;
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
            byKey = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byKey));
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
     * A key's values where npm takes a list ({@code ca}, {@code noproxy}), as ini gathers them: a {@code key[]} line
     * makes an array of what the key held, and every later line of the key adds to it; before one, a line replaces.
     */
    private static final class IniArray {
        private final List<Setting> values = new java.util.ArrayList<>();
        private boolean isArray;

        void add(Setting setting, boolean arrayLine) {
            isArray |= arrayLine;
            if (!isArray) {
                values.clear();
            }
            values.add(setting);
        }
    }

    /** One file's settings, with its {@code ca} and {@code cafile} in the order npm applies them. */
    private record ParsedNpmrc(Map<String, Setting> values, List<AuthoritySetting> authorities) {
        static final ParsedNpmrc NONE = new ParsedNpmrc(Map.of(), List.of());
    }

    /**
     * Reads both files. As in npm, a project {@code .npmrc} that is the user's own (a project in the home directory)
     * is read once, as the user's.
     *
     * @param projectNpmrc the {@code .npmrc} next to the lockfile (may not exist)
     * @param userNpmrc {@code NPM_CONFIG_USERCONFIG} or {@code ~/.npmrc} (may not exist)
     */
    public FileSettings files(Path projectNpmrc, Path userNpmrc) throws IOException {
        return files(projectNpmrc, userNpmrc, null);
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
    public FileSettings files(Path projectNpmrc, Path userNpmrc, GlobalNpmrc globalNpmrc) throws IOException {
        // later files override earlier ones, so read from lowest to highest precedence
        List<ParsedNpmrc> parsed = new java.util.ArrayList<>();
        if (globalNpmrc != null) {
            try {
                parsed.add(parse(globalNpmrc.path(), globalNpmrc.namedByProject()));
            } catch (IOException e) {
                // npm ignores a global file it cannot read (one only root may read, say), as it ignores a missing one
            }
        }
        parsed.add(parse(userNpmrc, false));
        if (projectNpmrc != null && (userNpmrc == null
                || !projectNpmrc.toAbsolutePath().normalize().equals(userNpmrc.toAbsolutePath().normalize()))) {
            parsed.add(parse(projectNpmrc, true));
        }
        Map<String, Setting> settings = new LinkedHashMap<>();
        List<AuthoritySetting> authorities = new java.util.ArrayList<>();
        for (ParsedNpmrc file : parsed) {
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
        Map<String, Setting> files = projectAndUser.byKey();
        Optional<Setting> configured = configSetting("globalconfig", files);
        Optional<Setting> prefix = configSetting("prefix", files);
        Optional<GlobalNpmrc> found;
        if (configured.isPresent()) {
            found = named(configured.get(), home, false);
        } else if (prefix.isPresent()) {
            found = named(prefix.get(), home, true);
        } else {
            found = defaultPrefix().map(p -> new GlobalNpmrc(p.resolve("etc").resolve("npmrc"), false));
        }
        return found.map(global -> projectDirectory != null && global.path().toAbsolutePath().normalize()
                .startsWith(projectDirectory.toAbsolutePath().normalize())
                        ? new GlobalNpmrc(global.path(), true) : global);
    }

    private static Optional<GlobalNpmrc> named(Setting setting, Path home, boolean isPrefix) {
        String value = jsTrim(setting.value());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = homeRelative(value, home);
        return Optional.of(new GlobalNpmrc(isPrefix ? path.resolve("etc").resolve("npmrc") : path,
                setting.fromProject()));
    }

    private Optional<Path> defaultPrefix() {
        String prefix = environment.apply("PREFIX");
        if (prefix != null && !prefix.isEmpty()) {
            return Optional.of(Path.of(prefix));
        }
        String path = environment.apply("PATH");
        if (path == null || java.io.File.separatorChar == '\\') {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path node = directory.isEmpty() ? null : Path.of(directory, "node");
            if (node == null || !node.isAbsolute() || !Files.isRegularFile(node) || !Files.isExecutable(node)) {
                continue;
            }
            try {
                Path execPath = node.toRealPath();
                if (isScript(execPath) || execPath.getParent() == null || execPath.getParent().getParent() == null
                        || execPath.toString().contains("/Cellar/")) {
                    return Optional.empty();
                }
                // /usr/local/bin/node: /usr/local
                Path found = execPath.getParent().getParent();
                String destdir = environment.apply("DESTDIR");
                return Optional.of(destdir == null || destdir.isEmpty() ? found : Path.of(destdir, found.toString()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isScript(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return in.read() == '#' && in.read() == '!';
        }
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
        Map<String, Setting> files = read.byKey();
        Optional<Setting> configured = proxySetting(configSetting("https-proxy", files))
                .or(() -> proxySetting(configSetting("proxy", files)));
        Optional<Setting> noProxy = configSetting("noproxy", files).filter(s -> !s.value().isBlank())
                .or(() -> variable("no_proxy"));
        return new NpmProxy(configured, variable("https_proxy"), variable("http_proxy"), variable("proxy"), noProxy)
                .routes(registries, Optional.ofNullable(java.net.ProxySelector.getDefault()),
                        authorities(read, home).map(a -> a.values().get(a.values().size() - 1)));
    }

    /**
     * A key as npm's configuration has it: the environment's ({@link #environmentSetting}), else the files'.
     */
    private Optional<Setting> configSetting(String key, Map<String, Setting> files) {
        return environmentSetting(key).or(() -> Optional.ofNullable(files.get(key)));
    }

    /** {@code proxy=false} (which npm allows, to override a lower level) and {@code null} are no proxy. */
    private static Optional<Setting> proxySetting(Optional<Setting> setting) {
        return setting.filter(s -> !List.of("", "false", "null").contains(jsTrim(s.value())));
    }

    /**
     * {@code @npmcli/agent} reads these in any case; an empty one is not set. Where both spellings are set npm's
     * choice follows the environment's order, which Java cannot see: the lower-case one, as curl reads, is taken.
     */
    private Optional<Setting> variable(String lowerCaseName) {
        for (String name : List.of(lowerCaseName, lowerCaseName.toUpperCase(java.util.Locale.ROOT))) {
            String value = environment.apply(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new Setting(value, name));
            }
        }
        return Optional.empty();
    }

    private static Registry withToken(Setting url, Map<String, String> credentials) throws NpmrcException {
        URI base = registryUrl(url);
        Credentials sent = credentialsFor(base, credentials);
        return new Registry(base, sent.token(), sent.basicAuth());
    }

    /** What npm sends a registry: its token, else {@code basicAuth}, the base64 {@code user:password}. */
    record Credentials(Optional<String> token, Optional<String> basicAuth) {
        static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());
    }

    /**
     * Exceptions from {@link URI} and {@link Registry} quote the URL; these messages give only the origin and the
     * reason, as the URL may have been expanded from a secret.
     */
    private static URI registryUrl(Setting url) throws NpmrcException {
        URI uri;
        try {
            uri = new URI(url.value());
        } catch (URISyntaxException e) {
            throw new NpmrcException(url.origin() + ": not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getRawUserInfo() != null) {
            // the base URL is shown in reports and messages; a token is configured apart from it
            throw new NpmrcException(url.origin() + ": a registry URL must not hold credentials; configure a token "
                    + "with //host/path/:_authToken");
        }
        try {
            return Registry.normalize(uri);
        } catch (IllegalArgumentException e) {
            throw new NpmrcException(url.origin() + ": a registry must be an http(s) URL with a host");
        }
    }

    /**
     * npm's "nerf dart" match, as npm-registry-fetch does it: starting from {@code //host[:port]/path/} of the
     * registry URL (host lower-case, the scheme's default port left out, as a WHATWG URL has them), the longest
     * prefix that has credentials of any kind decides; each step drops either the trailing slash or the last
     * segment, so {@code //host/path:_authToken} counts as well as {@code //host/path/:_authToken}, and a token
     * for {@code //host/a} never reaches {@code //host/ab/}. At that prefix npm sends the token
     * ({@code Authorization: Bearer}), else {@code _auth}, else {@code username} with the base64-decoded
     * {@code _password}, both as {@code Authorization: Basic}; a client certificate ({@code certfile} and
     * {@code keyfile}) alone still decides, and npm then sends no shorter prefix's token there.
     */
    static Credentials credentialsFor(URI registry, Map<String, String> settings) {
        String candidate = nerfDart(registry);
        while (candidate.length() > "//".length()) {
            String token = settings.get(candidate + ":_authToken");
            if (present(token)) {
                return new Credentials(Optional.of(token), Optional.empty());
            }
            String auth = settings.get(candidate + ":_auth");
            if (present(auth)) {
                return new Credentials(Optional.empty(), Optional.of(auth));
            }
            String username = settings.get(candidate + ":username");
            String password = settings.get(candidate + ":_password");
            if (present(username) && present(password)) {
                String pair = username + ":" + decodeBase64AsNode(password);
                return new Credentials(Optional.empty(),
                        Optional.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
            }
            if (present(settings.get(candidate + ":certfile")) && present(settings.get(candidate + ":keyfile"))) {
                return Credentials.NONE;
            }
            candidate = candidate.endsWith("/") ? candidate.substring(0, candidate.length() - 1)
                    : candidate.substring(0, candidate.lastIndexOf('/') + 1);
        }
        return Credentials.NONE;
    }

    /** The token alone, for callers that ask only about tokens. */
    static Optional<String> tokenFor(URI registry, Map<String, String> settings) {
        return credentialsFor(registry, settings).token();
    }

    /**
     * {@code _password} is stored base64-encoded; Node's decoder, which npm uses, accepts the URL-safe alphabet too
     * and skips what is not base64 (padding, white space) rather than failing.
     */
    private static String decodeBase64AsNode(String encoded) {
        String digits = encoded.replace('-', '+').replace('_', '/').replaceAll("[^A-Za-z0-9+/]", "");
        if (digits.length() % 4 == 1) {
            // six bits make no byte
            digits = digits.substring(0, digits.length() - 1);
        }
        return new String(Base64.getDecoder().decode(digits), StandardCharsets.UTF_8);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** The registry's base URL without its scheme, spelled as {@link Registry#normalize} spells every registry. */
    private static String nerfDart(URI registry) {
        URI base = Registry.normalize(registry);
        return "//" + base.getRawAuthority() + base.getRawPath();
    }

    private ParsedNpmrc parse(Path npmrc, boolean project) throws IOException {
        if (npmrc == null || !Files.isRegularFile(npmrc)) {
            return ParsedNpmrc.NONE;
        }
        Map<String, Setting> values = new LinkedHashMap<>();
        IniArray ca = new IniArray();
        IniArray noproxy = new IniArray();
        // which of ca and cafile comes first: npm applies them in that order
        boolean caFirst = false;
        // as npm reads it (Node's utf8): a byte that is not UTF-8, in a comment written in Latin-1 say, is U+FFFD,
        // not a reason to reject the whole file (lines split one by one, so that messages count them as editors do)
        List<String> lines = List.of(new String(Files.readAllBytes(npmrc), StandardCharsets.UTF_8)
                .split("\\r\\n|\\r|\\n"));
        boolean inSection = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = jsTrim(line);
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            int close = line.startsWith("[") ? line.indexOf(']') : -1;
            if (close > 0 && jsTrim(line.substring(close + 1)).isEmpty()) {
                // a section header as ini has it ("[" first, only white space after "]"): ini nests what follows
                // under the section, so npm sees "section.registry", not "registry"
                inSection = true;
                continue;
            }
            int eq = line.indexOf('=');
            if (inSection || eq <= 0) {
                continue;
            }
            String writtenKey = jsTrim(line.substring(0, eq));
            String key = iniValue(line.substring(0, eq));
            String value = iniValue(line.substring(eq + 1));
            // the key as written: expanded, it could be a secret too
            Setting setting = new Setting(expand(value), npmrc + ":" + (i + 1) + ": " + writtenKey, project);
            String expandedKey = expand(key);
            boolean arrayLine = expandedKey.endsWith("[]");
            String name = arrayLine ? expandedKey.substring(0, expandedKey.length() - 2) : expandedKey;
            if (name.equals("ca")) {
                caFirst |= ca.values.isEmpty() && !values.containsKey("cafile");
                ca.add(setting, arrayLine);
            } else if (name.equals("noproxy")) {
                noproxy.add(setting, arrayLine);
            } else {
                values.put(expandedKey, setting);
            }
        }
        if (!noproxy.values.isEmpty()) {
            // npm joins an array with commas, the list a single value writes
            Setting last = noproxy.values.get(noproxy.values.size() - 1);
            values.put("noproxy", new Setting(String.join(",", noproxy.values.stream().map(Setting::value).toList()),
                    last.origin(), last.fromProject()));
        }
        List<AuthoritySetting> authorities = new java.util.ArrayList<>();
        if (!ca.values.isEmpty()) {
            authorities.add(new AuthoritySetting(false, ca.values));
        }
        if (values.containsKey("cafile")) {
            authorities.add(caFirst ? authorities.size() : 0, new AuthoritySetting(true, List.of(values.get("cafile"))));
        }
        return new ParsedNpmrc(values, authorities);
    }

    /**
     * A key or value as the {@code ini} package npm uses reads it: a value in double quotes is a JSON string, one in
     * single quotes is taken between them (and JSON-decoded if it can be); otherwise it ends at the first
     * {@code ;} or {@code #} not escaped with a backslash, so that {@code registry=https://host/ ; mirror} is
     * {@code https://host/} and {@code \;}, {@code \#} and {@code \\} stand for the character itself.
     */
    static String iniValue(String raw) {
        String value = jsTrim(raw);
        boolean doubleQuoted = value.startsWith("\"") && value.endsWith("\"");
        boolean singleQuoted = value.startsWith("'") && value.endsWith("'");
        if (doubleQuoted || singleQuoted) {
            String json = singleQuoted ? value.substring(Math.min(1, value.length() - 1), value.length() - 1) : value;
            try {
                JsonNode parsed = RegistryJson.STRICT.readTree(json);
                if (parsed != null && !parsed.isMissingNode()) {
                    return parsed.isTextual() ? parsed.textValue() : parsed.toString();
                }
            } catch (IOException e) {
                // not JSON: ini keeps it as it is (single quotes removed)
            }
            return json;
        }
        StringBuilder out = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                if (c != '\\' && c != ';' && c != '#') {
                    out.append('\\');
                }
                out.append(c);
                escaped = false;
            } else if (c == ';' || c == '#') {
                break;
            } else if (c == '\\') {
                escaped = true;
            } else {
                out.append(c);
            }
        }
        if (escaped) {
            out.append('\\');
        }
        return jsTrim(out.toString());
    }

    /**
     * JavaScript's {@code trim()}, which ini uses: besides ASCII white space it drops the byte order mark that
     * Windows editors put first in a file, no-break spaces and the other Unicode spaces, which Java's does not.
     */
    static String jsTrim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isJsWhiteSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhiteSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isJsWhiteSpace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == '\u00A0'
                || c == '\uFEFF' || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    /**
     * {@code ${NAME}} is replaced by the environment variable; an unset variable stays as written, as in npm, and
     * {@code ${NAME?}} becomes the empty string. As in
     * npm, an odd number of backslashes before it escapes it (kept literal), and half of them (rounded down) remain.
     */
    private String expand(String value) {
        Matcher matcher = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String backslashes = matcher.group(1);
            String replacement;
            if (backslashes.length() % 2 == 1) {
                replacement = matcher.group().substring((backslashes.length() + 1) / 2);
            } else {
                String variable = environment.apply(matcher.group(2));
                // ${NAME?} (npm 10) is the empty string when the variable is unset
                String unset = matcher.group(3) != null ? "" : "${" + matcher.group(2) + "}";
                replacement = backslashes.substring(backslashes.length() / 2) + (variable == null ? unset : variable);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
