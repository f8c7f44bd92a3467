package io.github.npmprovenance.registry;

import java.nio.charset.StandardCharsets;

/** The names registry data is stored under on disk, in the cache and in snapshots alike. */
public final class StoreNames {
    private StoreNames() {
    }

    /**
     * A registry's directory: {@code <readable-id>-<hash>}, the readable id for people, and the start of the
     * SHA-256 of the base URL because the readable id is shared by some registries ({@code http} and
     * {@code https}, {@code /a_b/} and {@code /a/b/}) whose data must not be read as each other's.
     */
    public static String registryDirectory(Registry registry) {
        return readableId(registry) + "-"
                + LocalStore.sha256(registry.baseUri().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** Host, {@code _port} and path, with every other character replaced by {@code _}. */
    static String readableId(Registry registry) {
        String id = registry.baseUri().getHost()
                + (registry.baseUri().getPort() > 0 ? "_" + registry.baseUri().getPort() : "")
                + registry.baseUri().getRawPath();
        // one path segment: no separators, and no dot runs that could read as a parent directory
        return id.replaceAll("[^A-Za-z0-9.-]", "_").replaceAll("\\.{2,}", "_").replaceAll("_+$", "");
    }
}
