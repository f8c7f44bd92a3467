package io.github.npmprovenance.lockfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A lockfile entry's fields as read from the stream: its scalars kept in an {@link ObjectNode}, the names in its
 * dependency objects and arrays set aside, and everything else (engines, bin, ...) skipped.
 */
final class EntryFields {
    /**
     * What says which bytes are installed, and from where: never read as absent when it is there as no string. A
     * list, so that an entry with two such fields named in order every run, not in a set's order of the JVM's day.
     */
    static final List<String> STRING_FIELDS = List.of("name", "version", "resolved", "integrity");

    /**
     * Flags that take content out of the lockfile's hands, read as JavaScript's truth, as arborist tests them: a
     * string, a number or an object that npm takes for true must not read as false here.
     */
    static final Set<String> TRUTHY_FLAGS = Set.of("hasShrinkwrap", "_hasShrinkwrap");

    private EntryFields() {
    }

    /**
     * An entry's scalar fields; of its objects and arrays only the names in the given ones are kept (an object's
     * keys, an array's strings), the rest (engines, bin, ...) are skipped.
     */
    static ObjectNode read(JsonParser parser, Set<String> relationFields, Map<String, Set<String>> relations)
            throws IOException {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            put(entry, field, parser, relationFields, relations);
        }
        return entry;
    }

    /** One field, its value the parser's current token. */
    static void put(ObjectNode entry, String field, JsonParser parser, Set<String> relationFields,
            Map<String, Set<String>> relations) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        // a repeated key counts as its last occurrence, whatever its kind
        relations.remove(field);
        if (relationFields.contains(field) && (parser.currentToken() == JsonToken.START_OBJECT
                || parser.currentToken() == JsonToken.START_ARRAY)) {
            entry.remove(field);
            relations.put(field, readNames(parser));
            return;
        }
        if (TRUTHY_FLAGS.contains(field)) {
            entry.set(field, nodes.booleanNode(truthy(parser)));
            return;
        }
        if (STRING_FIELDS.contains(field) && parser.currentToken() != JsonToken.VALUE_STRING
                && parser.currentToken() != JsonToken.VALUE_NULL) {
            // kept as what it is not (an empty array), for RawEntry.toPackage to refuse
            parser.skipChildren();
            entry.set(field, nodes.arrayNode());
            return;
        }
        switch (parser.currentToken()) {
            case VALUE_STRING -> entry.set(field, nodes.textNode(parser.getText()));
            case VALUE_TRUE, VALUE_FALSE -> entry.set(field, nodes.booleanNode(parser.getBooleanValue()));
            // a number where npm writes a flag counts as its truth, as a data-bound tree's asBoolean reads it
            case VALUE_NUMBER_INT -> entry.set(field, nodes.booleanNode(parser.getDecimalValue().signum() != 0));
            case START_OBJECT, START_ARRAY -> {
                // a repeated key counts as its last occurrence, whatever its kind
                entry.remove(field);
                parser.skipChildren();
            }
            default -> entry.remove(field);
        }
    }

    /** The current value as JavaScript's {@code if} takes it: an object or array, even empty, is true. */
    private static boolean truthy(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_STRING -> !parser.getText().isEmpty();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDecimalValue().signum() != 0;
            case START_OBJECT, START_ARRAY -> {
                parser.skipChildren();
                yield true;
            }
            default -> false;
        };
    }

    /** An object's keys, or an array's strings (what JavaScript's includes can match a name with). */
    private static Set<String> readNames(JsonParser parser) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        } else {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (element == JsonToken.VALUE_STRING) {
                    names.add(parser.getText());
                }
                parser.skipChildren();
            }
        }
        return names;
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.asBoolean(false);
    }
}
