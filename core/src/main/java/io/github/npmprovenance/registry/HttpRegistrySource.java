package io.github.npmprovenance.registry;

import io.github.npmprovenance.lockfile.PackageNames;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads registry data over HTTP: one streamed packument per package name, and the keys endpoint. */
public final class HttpRegistrySource implements RegistrySource {
    static final String KEYS_PATH = "-/npm/v1/keys";

    private final HttpFetcher fetcher;

    public HttpRegistrySource(HttpOptions options, String userAgent) {
        this.fetcher = new HttpFetcher(options, userAgent);
    }

    @Override
    public Map<String, VersionMetadata> versions(Registry registry, String name, Set<String> versions)
            throws RegistryException {
        if (!PackageNames.isValidName(name)) {
            throw new RegistryException(RegistryException.Kind.INVALID_REQUEST, "not a valid npm package name");
        }
        return fetcher.get(registry, PackageNames.escape(name), "metadata of " + name,
                body -> PackumentReader.read(body, name, versions));
    }

    @Override
    public Optional<RegistryKeys> keys(Registry registry) throws RegistryException {
        try {
            return Optional.of(fetcher.get(registry, KEYS_PATH, "signing keys of " + registry.baseUri(),
                    body -> RegistryKeys.parse(body.readAllBytes())));
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
