package io.github.npmprovenance.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
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
    /**
     * Attestations responses are read whole, as a tree, unlike packuments, which are streamed. npm's are about 10 KB;
     * one far larger is refused while it is read, before it takes the heap every package in flight shares.
     */
    static final long ATTESTATIONS_LIMIT = 32L * 1024 * 1024;
    static final ObjectReader ATTESTATIONS = new ObjectMapper(JsonFactory.builder().streamReadConstraints(
            StreamReadConstraints.builder().maxDocumentLength(ATTESTATIONS_LIMIT)
                    // a string is bounded by the document: the size limit, not Jackson's 20 M characters, refuses it
                    .maxStringLength((int) ATTESTATIONS_LIMIT).build()).build()).reader()
            // and, as JSON.parse reads it for npm, nothing after the one value
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Why a document whose first bytes make Jackson read it as UTF-16 or UTF-32 (a zero byte, a byte order mark)
     * fails there: it is not UTF-8, which npm reads every answer as, and must not be taken for a dropped connection.
     */
    static final String NOT_UTF8 = "not UTF-8 text, which npm reads registry answers as";

    private RegistryJson() {
    }
}
