package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether npm, testing a registry document's field with {@code if (value)}, sees it at all: {@code false}, {@code 0},
 * {@code ""} and {@code null} are there in the JSON but count as absent, as do missing fields.
 */
final class JavaScriptTruth {
    private JavaScriptTruth() {
    }

    static boolean isFalsy(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isBoolean()) {
            return !value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue() == 0;
        }
        return value.isTextual() && value.textValue().isEmpty();
    }
}
