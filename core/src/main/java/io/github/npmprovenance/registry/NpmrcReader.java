package io.github.npmprovenance.registry;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a {@link RegistryConfig} the way npm reads its configuration: the command line, then
 * {@code NPM_CONFIG_REGISTRY}, then the project's {@code .npmrc}, then the user's {@code .npmrc}. Only the
 * keys this tool needs are read: {@code registry}, {@code @scope:registry} and {@code //host/path/:_authToken}.
 */
public final class NpmrcReader {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final Function<String, String> environment;

    public NpmrcReader(Function<String, String> environment) {
        this.environment = environment;
    }

    public static NpmrcReader fromSystem() {
        return new NpmrcReader(System::getenv);
    }

    /**
     * @param commandLineRegistry {@code --registry}, highest precedence
     * @param projectNpmrc the {@code .npmrc} next to the lockfile (may not exist)
     * @param userNpmrc {@code NPM_CONFIG_USERCONFIG} or {@code ~/.npmrc} (may not exist)
     */
    public RegistryConfig read(Optional<String> commandLineRegistry, Path projectNpmrc, Path userNpmrc)
            throws IOException {
        // later files override earlier ones, so read from lowest to highest precedence
        Map<String, String> settings = new LinkedHashMap<>();
        settings.putAll(parse(userNpmrc));
        settings.putAll(parse(projectNpmrc));
        String envRegistry = environment.apply("NPM_CONFIG_REGISTRY");
        if (envRegistry == null) {
            envRegistry = environment.apply("npm_config_registry");
        }
        if (envRegistry != null && !envRegistry.isBlank()) {
            settings.put("registry", envRegistry.trim());
        }
        commandLineRegistry.ifPresent(r -> settings.put("registry", r));

        Map<String, String> tokens = new HashMap<>();
        Map<String, String> scopeUrls = new HashMap<>();
        settings.forEach((key, value) -> {
            if (key.startsWith("//") && key.endsWith(":_authToken")) {
                tokens.put(key.substring(0, key.length() - ":_authToken".length()), value);
            } else if (key.startsWith("@") && key.endsWith(":registry")) {
                scopeUrls.put(key.substring(0, key.length() - ":registry".length()), value);
            }
        });
        Registry defaultRegistry = withToken(settings.getOrDefault("registry", Registry.PUBLIC_NPM.toString()), tokens);
        Map<String, Registry> scopes = new HashMap<>();
        scopeUrls.forEach((scope, url) -> scopes.put(scope, withToken(url, tokens)));
        return new RegistryConfig(defaultRegistry, scopes);
    }

    private static Registry withToken(String url, Map<String, String> tokens) {
        URI base = Registry.normalize(URI.create(url));
        return new Registry(base, tokenFor(base, tokens));
    }

    /**
     * npm's "nerf dart" match: the token configured for {@code //host[:port]/path/} applies to this registry
     * when that prefix is the registry URL without its scheme, or a parent path of it on the same host.
     */
    static Optional<String> tokenFor(URI registry, Map<String, String> tokens) {
        String nerfed = "//" + registry.getRawAuthority() + registry.getRawPath();
        String candidate = nerfed.endsWith("/") ? nerfed : nerfed + "/";
        String hostRoot = "//" + registry.getRawAuthority() + "/";
        while (candidate.length() >= hostRoot.length()) {
            String token = tokens.get(candidate);
            if (token != null && !token.isBlank()) {
                return Optional.of(token);
            }
            int parent = candidate.lastIndexOf('/', candidate.length() - 2);
            if (parent < hostRoot.length() - 1) {
                break;
            }
            candidate = candidate.substring(0, parent + 1);
        }
        return Optional.empty();
    }

    Map<String, String> parse(Path npmrc) throws IOException {
        if (npmrc == null || !Files.isRegularFile(npmrc)) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>(Files.readAllLines(npmrc));
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";") || trimmed.startsWith("[")) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = expand(trimmed.substring(0, eq).trim());
            String value = unquote(trimmed.substring(eq + 1).trim());
            values.put(key, expand(value));
        }
        return values;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** {@code ${NAME}} is replaced by the environment variable; an unset variable stays as written, as in npm. */
    private String expand(String value) {
        Matcher matcher = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = environment.apply(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group() : replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
