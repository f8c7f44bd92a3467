package io.github.npmprovenance.registry;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import io.github.npmprovenance.lockfile.PackageNames;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads registry data over HTTP: one streamed packument per package name, and the keys endpoint. */
public final class HttpRegistrySource implements RegistrySource {
    static final String KEYS_PATH = "-/npm/v1/keys";
    static final String ATTESTATIONS_PATH = "-/npm/v1/attestations/";
    /** The keys are read whole; npm's are under 1 KB (attestations, read as a tree, are bounded by the reader). */
    static final int KEYS_LIMIT = 1024 * 1024;

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
    public JsonNode attestations(Registry registry, String name, String version) throws RegistryException {
        if (!PackageNames.isValidName(name) || !PackageNames.isValidVersion(version)) {
            throw new RegistryException(RegistryException.Kind.INVALID_REQUEST, "not a valid npm package name or version");
        }
        // the path is built from the validated name, never taken from dist.attestations.url
        return fetcher.get(registry, ATTESTATIONS_PATH + PackageNames.escape(name) + "@" + version,
                "attestations of " + name + "@" + version, served -> {
                    CountingInputStream body = new CountingInputStream(served);
                    try {
                        JsonNode response = RegistryJson.ATTESTATIONS.readTree(body);
                        if (response == null || !response.path("attestations").isArray()) {
                            throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                                    "the attestations response of " + name + "@" + version + " has no attestations array");
                        }
                        return response;
                    } catch (StreamConstraintsException e) {
                        // the reader's other limits (nesting depth, a name's length) refuse documents of any size
                        if (body.count() > RegistryJson.ATTESTATIONS_LIMIT) {
                            throw tooLarge("the attestations response of " + name + "@" + version,
                                    RegistryJson.ATTESTATIONS_LIMIT);
                        }
                        throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE, "the attestations "
                                + "response of " + name + "@" + version + " is refused: "
                                // Jackson names the setting it enforces; the user can change none of them
                                + e.getOriginalMessage().replaceAll(", from `[^`]*`\\)", ")"), e);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                                "the attestations response of " + name + "@" + version + " is not valid JSON", e);
                    } catch (java.io.CharConversionException e) {
                        throw new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                                "the attestations response of " + name + "@" + version + " is "
                                        + RegistryJson.NOT_UTF8, e);
                    }
                });
    }

    @Override
    public Optional<RegistryKeys> keys(Registry registry) throws RegistryException {
        try {
            // as npm audit signatures: 404, or 400 as Nexus answers, is a registry that publishes no keys
            return Optional.of(fetcher.get(registry, KEYS_PATH, "signing keys of " + registry.shown(),
                    body -> RegistryKeys.parse(bounded(body, KEYS_LIMIT, "the keys document")), true));
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static byte[] bounded(InputStream body, int limit, String what) throws IOException, RegistryException {
        byte[] bytes = body.readNBytes(limit + 1);
        if (bytes.length > limit) {
            throw tooLarge(what, limit);
        }
        return bytes;
    }

    /** The bytes read through it, to tell a document refused for its length from one refused for its shape. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count += Math.max(n, 0);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    private static RegistryException tooLarge(String what, long limit) {
        return new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                what + " exceeds " + limit / (1024 * 1024) + " MiB, far beyond what a registry serves");
    }
}
