package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The registry package's one Jackson mapper. A holder of its own, so that only the first thread to parse or write
 * registry data pays for starting data binding (about 0.07 s in a cold JVM): a fetcher or the keys prefetch, while
 * the main thread reads the lockfile, rather than the main thread when it sets the registry source up.
 */
final class RegistryJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** As JavaScript's JSON.parse, which npm uses: one value and nothing after it. */
    static final ObjectReader STRICT = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RegistryJson() {
    }
}
