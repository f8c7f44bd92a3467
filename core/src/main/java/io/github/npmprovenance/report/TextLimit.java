package io.github.npmprovenance.report;

import java.nio.charset.StandardCharsets;

/**
 * Cuts report text to a service's size limit, for the front ends that send it. Services count some limits in UTF-8
 * bytes and others in characters, and refuse a request over either whole, so text is cut before it is sent, never
 * inside a character.
 */
public final class TextLimit {
    private TextLimit() {
    }

    /** At most {@code maxBytes} UTF-8 bytes; when cut, ends with {@code marker}, preferably at a line break. */
    public static String utf8Bytes(String text, int maxBytes, String marker) {
        if (utf8Length(text) <= maxBytes) {
            return text;
        }
        return atLine(prefixWithin(text, maxBytes - utf8Length(marker))) + marker;
    }

    /** At most {@code maxChars} UTF-16 characters; when cut, ends with {@code marker}, preferably at a line break. */
    public static String utf16Chars(String text, int maxChars, String marker) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - marker.length();
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return atLine(text.substring(0, end)) + marker;
    }

    /** A cut Markdown table row or list item renders worse than a line less. */
    private static String atLine(String cut) {
        int lastLine = cut.lastIndexOf('\n');
        return lastLine > cut.length() / 2 ? cut.substring(0, lastLine) : cut;
    }

    /** At most {@code maxChars} UTF-16 characters, ending with an ellipsis when cut. */
    public static String chars(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        int end = maxChars - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String prefixWithin(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            int size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            i += Character.charCount(c);
        }
        return text.substring(0, i);
    }
}
