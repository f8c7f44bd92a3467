package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The registry package's one Jackson mapper. A holder of its own, so that only the first thread to parse or write
 * registry data pays for starting data binding (about 0.07 s in a cold JVM): a fetcher or the keys prefetch, while
 * the main thread reads the lockfile, rather than the main thread when it sets the registry source up.
 */
final class RegistryJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RegistryJson() {
    }
}
