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
     * Attestations responses are read whole, as a tree, unlike packuments, which are streamed. npm's are about 10 KB
     * and 200 JSON tokens; one far larger is refused while it is read, before it takes the heap every package in
     * flight shares. The size alone does not bound the tree: 32 MiB of {@code [{},{},…]} is 8 million nodes, over
     * 600 MB of heap, so the tokens are bounded too. Cache and snapshot entries, which a pull request can commit or
     * a shared cache can hold, are read within the same bounds.
     */
    static final long ATTESTATIONS_LIMIT = 32L * 1024 * 1024;
    static final long ATTESTATIONS_TOKENS = 100_000;
    /** A stored entry: a version's metadata, or an attestations response as fetched. */
    static final ObjectReader STORED = new ObjectMapper(JsonFactory.builder().streamReadConstraints(
            StreamReadConstraints.builder().maxDocumentLength(ATTESTATIONS_LIMIT).maxTokenCount(ATTESTATIONS_TOKENS)
                    // a string is bounded by the document: the size limit, not Jackson's 20 M characters, refuses it
                    .maxStringLength((int) ATTESTATIONS_LIMIT).build()).build()).reader();
    /** As JSON.parse reads it for npm: one value and nothing after it. */
    static final ObjectReader ATTESTATIONS = STORED.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Why a document whose first bytes make Jackson read it as UTF-16 or UTF-32 (a zero byte, a byte order mark)
     * fails there: it is not UTF-8, which npm reads every answer as, and must not be taken for a dropped connection.
     */
    static final String NOT_UTF8 = "not UTF-8 text, which npm reads registry answers as";

    private RegistryJson() {
    }
}
