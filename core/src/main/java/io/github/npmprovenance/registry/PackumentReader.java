package io.github.npmprovenance.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Streams a packument ({@code GET <registry>/<name>}) and keeps only the requested versions' {@code dist} and
 * {@code time} entries. Packuments of popular packages run to many megabytes; nothing else is held in memory.
 */
public final class PackumentReader {

    private PackumentReader() {
    }

    public static Map<String, VersionMetadata> read(InputStream body, String name, Set<String> wanted)
            throws RegistryException, IOException {
        Map<String, JsonNode> dists = new HashMap<>();
        Map<String, Instant> times = new HashMap<>();
        String documentName = null;
        JsonFactory factory = RegistryJson.MAPPER.getFactory();
        try (JsonParser parser = factory.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(name, "not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "name" -> documentName = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    // a repeated key counts as its last occurrence, as for JSON.parse in npm
                    case "versions" -> {
                        dists.clear();
                        readVersions(parser, name, wanted, dists);
                    }
                    case "time" -> {
                        times.clear();
                        readTimes(parser, name, wanted, times);
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw malformed(name, "document ends early");
            }
        } catch (JsonProcessingException e) {
            throw malformed(name, e.getOriginalMessage());
        } catch (CharConversionException e) {
            throw malformed(name, RegistryJson.NOT_UTF8);
        }
        if (documentName != null && !documentName.equals(name)) {
            throw malformed(name, "the registry answered with the document of \"" + documentName + "\"");
        }
        Map<String, VersionMetadata> result = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : dists.entrySet()) {
            String version = entry.getKey();
            result.put(version, toMetadata(name, version, entry.getValue(), Optional.ofNullable(times.get(version))));
        }
        return result;
    }

    private static void readVersions(JsonParser parser, String name, Set<String> wanted, Map<String, JsonNode> into)
            throws IOException, RegistryException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw malformed(name, "\"versions\" is not an object");
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String version = parser.currentName();
            parser.nextToken();
            if (wanted.contains(version)) {
                into.put(version, readDist(parser));
            } else {
                parser.skipChildren();
            }
        }
    }

    /**
     * Keeps only the manifest's {@code dist}, as the last one if repeated: the rest (readme, scripts, dependencies)
     * is never used, can be large, and is skipped without being decoded.
     */
    private static JsonNode readDist(JsonParser parser) throws IOException {
        JsonNode dist = MissingNode.getInstance();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return dist;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals("dist")) {
                dist = RegistryJson.MAPPER.readTree(new BoundedTokens(parser));
            } else {
                parser.skipChildren();
            }
        }
        return dist;
    }

    /**
     * What a {@code dist} object may hold: npm's have a few dozen tokens (integrity, shasum, tarball, a signature or
     * two, the attestations' URL) and a few kilobytes of text; a gzip body of 3 MB can expand to a {@code dist} of
     * gigabytes, in many tokens or in a few long strings, which would be built as a tree in memory, at the cost of
     * that package's heap and seconds of CPU, for every attempt.
     */
    private static final int DIST_TOKENS = 100_000;
    private static final int DIST_CHARACTERS = 1_000_000;

    /** Refuses to read a value past a number of tokens or of characters in its names and strings. */
    private static final class BoundedTokens extends JsonParserDelegate {
        private int tokens = DIST_TOKENS;
        private long characters = DIST_CHARACTERS;

        BoundedTokens(JsonParser parser) {
            super(parser);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            return counted(super.nextToken());
        }

        @Override
        public JsonToken nextValue() throws IOException {
            return counted(super.nextValue());
        }

        private JsonToken counted(JsonToken token) throws IOException {
            tokens--;
            if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                characters -= getTextLength();
            }
            if (tokens < 0 || characters < 0) {
                throw new JsonParseException(this, "a \"dist\" object of more than " + DIST_TOKENS + " JSON tokens or "
                        + DIST_CHARACTERS + " characters of text, which no registry serves");
            }
            return token;
        }
    }

    private static void readTimes(JsonParser parser, String name, Set<String> wanted, Map<String, Instant> into)
            throws IOException, RegistryException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String version = parser.currentName();
            parser.nextToken();
            if (wanted.contains(version) && parser.currentToken() == JsonToken.VALUE_STRING) {
                try {
                    into.put(version, PublishTimes.parse(parser.getText()));
                } catch (DateTimeParseException e) {
                    throw malformed(name, "unreadable publish time for " + version + ": " + parser.getText());
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** Reads the {@code dist} object of one version manifest; shared with the per-version document. */
    public static VersionMetadata toMetadata(String name, String version, JsonNode dist, Optional<Instant> time)
            throws RegistryException {
        if (!dist.isObject()) {
            throw malformed(name, "version " + version + " has no \"dist\" object");
        }
        Optional<String> integrity = textField(dist, "integrity");
        if (integrity.isEmpty()) {
            // versions published before integrity existed carry only a sha1 hex shasum
            integrity = textField(dist, "shasum").filter(s -> s.matches("[0-9a-fA-F]{40}"))
                    .map(hex -> "sha1-" + java.util.Base64.getEncoder()
                            .encodeToString(java.util.HexFormat.of().parseHex(hex)));
        }
        List<RegistrySignature> signatures = new ArrayList<>();
        JsonNode sigs = dist.get("signatures");
        if (sigs != null && !sigs.isNull()) {
            if (!sigs.isArray()) {
                throw malformed(name, "dist.signatures of " + version + " is not an array");
            }
            for (JsonNode sig : sigs) {
                signatures.add(new RegistrySignature(sig.path("keyid").asText(""), sig.path("sig").asText("")));
            }
        }
        JsonNode attestations = dist.get("attestations");
        // npm asks for attestations only if (dist.attestations): false, 0 or "" lists none
        return new VersionMetadata(name, version, integrity, signatures,
                JavaScriptTruth.isFalsy(attestations) ? Optional.empty() : Optional.of(attestations), time);
    }

    private static Optional<String> textField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    private static RegistryException malformed(String name, String detail) {
        return new RegistryException(RegistryException.Kind.MALFORMED_RESPONSE,
                "malformed registry document for " + name + ": " + detail);
    }
}
