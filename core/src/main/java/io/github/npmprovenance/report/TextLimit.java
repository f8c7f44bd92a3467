package io.github.npmprovenance.report;

import java.nio.charset.StandardCharsets;

/**
 * Cuts report text to a service's size limit, for the front ends that send it. Services count some limits in UTF-8
 * bytes and others in characters, and refuse a request over either whole, so text is cut before it is sent, never
 * inside a character.
 */
public final class TextLimit {
    private static final String CLOSE_DETAILS = "\n\n</details>";

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
        return atLine(prefixOfChars(text, maxChars - marker.length())) + marker;
    }

    /**
     * As {@link #utf8Bytes}, for a report of {@link MarkdownReportWriter}: cut inside its collapsed list of passing
     * packages, the list is closed before the marker, which GitHub would otherwise render inside the collapsed list,
     * with whatever follows the cut report (such as a note on how the run reported).
     */
    public static String markdownUtf8Bytes(String markdown, int maxBytes, String marker) {
        if (utf8Length(markdown) <= maxBytes) {
            return markdown;
        }
        return closeDetails(closeLine(utf8Bytes(markdown, maxBytes - utf8Length(CLOSE_DETAILS) - utf8Length(marker)
                - 1, ""))) + marker;
    }

    /** As {@link #utf16Chars}, closing a cut collapsed list as {@link #markdownUtf8Bytes} does. */
    public static String markdownUtf16Chars(String markdown, int maxChars, String marker) {
        if (markdown.length() <= maxChars) {
            return markdown;
        }
        return closeDetails(closeLine(utf16Chars(markdown, maxChars - CLOSE_DETAILS.length() - marker.length() - 1,
                ""))) + marker;
    }

    /** The writer escapes every {@code <} of report text, so a {@code <details>} in it is the writer's own. */
    private static String closeDetails(String cut) {
        return cut.lastIndexOf("<details>") > cut.lastIndexOf("</details>") ? cut + CLOSE_DETAILS : cut;
    }

    /**
     * A line of the report cut inside it must not end in part of an entity, which the writer writes for every
     * special character of report text: {@code &#35} (of {@code &#35;}, an escaped {@code #}) shows as {@code #35},
     * an issue reference. Nor inside a code span (the lockfile's path), which left open would leave the rest of the
     * line to be read as Markdown; report text has no backtick of its own in the report, so an odd count is an
     * open span, closed with one more (the byte reserved for it).
     */
    private static String closeLine(String cut) {
        String whole = cut.replaceFirst("&#?[0-9A-Za-z]*$", "");
        long backticks = whole.substring(whole.lastIndexOf('\n') + 1).chars().filter(c -> c == '`').count();
        return backticks % 2 == 1 ? whole + "`" : whole;
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
        return prefixOfChars(text, maxChars - 1) + "…";
    }

    /** The first {@code end} characters, one less where the last would be half of a surrogate pair. */
    private static String prefixOfChars(String text, int end) {
        return text.substring(0, Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end);
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
