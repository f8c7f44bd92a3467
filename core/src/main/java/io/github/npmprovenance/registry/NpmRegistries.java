package io.github.npmprovenance.registry;

import io.github.npmprovenance.registry.NpmrcReader.FileSettings;
import io.github.npmprovenance.registry.NpmrcReader.Setting;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registries npm's settings name, the default one and one per scope, each with the credentials npm would send
 * it: see {@link NpmrcReader#read(Optional, FileSettings, Collection)}.
 */
record NpmRegistries(NpmrcEnvironment environment) {
    private static final List<String> CREDENTIAL_KEYS = List.of(":_authToken", ":_auth", ":username", ":_password",
            ":certfile", ":keyfile");

    RegistryConfig config(Optional<String> commandLineRegistry, FileSettings files, Collection<String> scopesInUse)
            throws NpmrcException {
        Map<String, Setting> settings = new LinkedHashMap<>(files.byKey());
        environment.setting("registry").filter(s -> !s.value().isEmpty()).ifPresent(s -> settings.put("registry", s));
        commandLineRegistry.ifPresent(r -> settings.put("registry", new Setting(r, "the registry given explicitly")));
        Optional<String> projectScope = projectScope(files);
        Set<String> scopeNames = new TreeSet<>(scopesInUse);
        projectScope.ifPresent(scopeNames::add);
        files.byKey().keySet().stream().filter(k -> k.startsWith("@") && k.endsWith(":registry"))
                .forEach(k -> scopeNames.add(k.substring(0, k.length() - ":registry".length())));
        for (String scope : scopeNames) {
            String key = scope + ":registry";
            // npm lower-cases what follows the prefix: no variable sets a scope with capitals
            if (key.equals(key.toLowerCase(Locale.ROOT))) {
                environment.setting(key).ifPresent(s -> settings.put(key, s));
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
        Registry defaultRegistry = withCredentials(registry, withEnvironmentCredentials(registry, credentials));
        Map<String, Registry> scopes = new HashMap<>();
        for (Map.Entry<String, Setting> scope : scopeUrls.entrySet()) {
            scopes.put(scope.getKey(), withCredentials(scope.getValue(),
                    withEnvironmentCredentials(scope.getValue(), credentials)));
        }
        // npm-registry-fetch's pickRegistry: a package whose own scope has no registry goes to the registry of the
        // scope npm is set to work for, even one given explicitly, before the default
        return new RegistryConfig(projectScope.map(scopes::get).orElse(defaultRegistry), scopes);
    }

    /** npm's {@code scope} setting, with the {@code @} npm adds when it is left out; empty when unset or empty. */
    private Optional<String> projectScope(FileSettings files) {
        return environment.setting("scope", files.byKey()).map(Setting::value).filter(v -> !v.isEmpty())
                .map(v -> v.startsWith("@") ? v : "@" + v);
    }

    /**
     * The credentials with those npm reads from the environment for this registry, above the files':
     * {@code npm_config_//host/path/:_authToken} and the like (npm keeps a key that starts with {@code //} as
     * written), for each of the registry's {@link RegistryCredentials#nerfDarts}.
     */
    private Map<String, String> withEnvironmentCredentials(Setting url, Map<String, String> credentials) {
        URI base;
        try {
            base = Registry.normalize(new URI(url.value()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            // withCredentials says why
            return credentials;
        }
        Map<String, String> merged = new HashMap<>(credentials);
        for (String candidate : RegistryCredentials.nerfDarts(base)) {
            for (String suffix : CREDENTIAL_KEYS) {
                String key = candidate + suffix;
                environment.setting(key).ifPresent(s -> merged.put(key, s.value()));
            }
        }
        return merged;
    }

    private Registry withCredentials(Setting url, Map<String, String> credentials) throws NpmrcException {
        URI base = registryUrl(url);
        RegistryCredentials sent = RegistryCredentials.of(base, credentials, environment.workingDirectory());
        Registry registry = new Registry(base, sent.token(), sent.basicAuth(), sent.clientCertificate(),
                environment.redaction(url.written()));
        // the prefix a certificate is set under is printed in messages about it
        return new Registry(base, sent.token(), sent.basicAuth(), sent.clientCertificate().map(c ->
                new ClientCertificate(registry.shownPrefix(c.prefix()), c.certfile(), c.keyfile(), c.directory())),
                registry.redaction());
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
        if (Registry.holdsCredentials(uri)) {
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
}
