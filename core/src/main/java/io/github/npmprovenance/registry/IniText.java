package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** Text as the {@code ini} package npm reads its {@code .npmrc} files with reads it. */
final class IniText {
    private IniText() {
    }

    /**
     * A key or value as the {@code ini} package npm uses reads it: a value in double quotes is a JSON string, one in
     * single quotes is taken between them (and JSON-decoded if it can be); otherwise it ends at the first
     * {@code ;} or {@code #} not escaped with a backslash, so that {@code registry=https://host/ ; mirror} is
     * {@code https://host/} and {@code \;}, {@code \#} and {@code \\} stand for the character itself.
     */
    static String value(String raw) {
        String value = jsTrim(raw);
        boolean doubleQuoted = value.startsWith("\"") && value.endsWith("\"");
        boolean singleQuoted = value.startsWith("'") && value.endsWith("'");
        if (doubleQuoted || singleQuoted) {
            String json = singleQuoted ? value.substring(Math.min(1, value.length() - 1), value.length() - 1) : value;
            try {
                JsonNode parsed = RegistryJson.STRICT.readTree(json);
                if (parsed != null && !parsed.isMissingNode()) {
                    return parsed.isTextual() ? parsed.textValue() : parsed.toString();
                }
            } catch (IOException e) {
                // not JSON: ini keeps it as it is (single quotes removed)
            }
            return json;
        }
        StringBuilder out = new StringBuilder();
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (escaped) {
                if (c != '\\' && c != ';' && c != '#') {
                    out.append('\\');
                }
                out.append(c);
                escaped = false;
            } else if (c == ';' || c == '#') {
                break;
            } else if (c == '\\') {
                escaped = true;
            } else {
                out.append(c);
            }
        }
        if (escaped) {
            out.append('\\');
        }
        return jsTrim(out.toString());
    }

    /**
     * JavaScript's {@code trim()}, which ini uses: besides ASCII white space it drops the byte order mark that
     * Windows editors put first in a file, no-break spaces and the other Unicode spaces, which Java's does not.
     */
    static String jsTrim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isJsWhiteSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhiteSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isJsWhiteSpace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == '\u00A0'
                || c == '\uFEFF' || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.SPACE_SEPARATOR;
    }
}
