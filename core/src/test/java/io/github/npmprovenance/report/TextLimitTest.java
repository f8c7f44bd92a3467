package io.github.npmprovenance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The services a report is sent to refuse a text over their limit whole (GitHub's check run summary is 65535 bytes,
 * a pull request comment 65536 characters): a cut text must be within the limit, as long as fits, and never end in
 * half a character. Text of one character at each end of each UTF-8 width, cut at every limit around it.
 */
class TextLimitTest {
    // U+007F and U+0080, U+07FF and U+0800, U+FFFF and U+10000 (two UTF-16 chars): the ends of 1 to 4 UTF-8 bytes
    private static final List<String> CHARACTERS = List.of("\u007F", "\u0080", "\u07FF", "\u0800", "\uFFFF",
            new String(Character.toChars(0x10000)), "a");

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void aTextCutToUtf8BytesIsTheLongestWholePrefixWithinTheLimit() {
        for (String c : CHARACTERS) {
            String text = "x" + c.repeat(12);
            assertThat(TextLimit.utf8Length(text)).isEqualTo(bytes(text));
            // exactly at the limit, nothing is cut
            assertThat(TextLimit.utf8Bytes(text, bytes(text), "…")).isEqualTo(text);
            for (int limit = bytes("…") + 1; limit < bytes(text); limit++) {
                String cut = TextLimit.utf8Bytes(text, limit, "…");
                String kept = cut.substring(0, cut.length() - 1);
                assertThat(bytes(cut)).as("%s cut to %d bytes", c, limit).isLessThanOrEqualTo(limit);
                assertThat(cut).endsWith("…");
                assertThat(text).startsWith(kept);
                // whole characters only, and not one fewer than fits
                assertThat(kept.codePoints().count() * c.length() + 1 - c.length()).isEqualTo(kept.length());
                assertThat(bytes(kept) + bytes(c) + bytes("…")).as("%s cut to %d bytes", c, limit)
                        .isGreaterThan(limit);
            }
        }
    }

    @Test
    void aTextCutToUtf16CharsIsTheLongestWholePrefixWithinTheLimit() {
        // and one whose surrogate pairs start at odd and even positions alike
        for (String c : java.util.stream.Stream.concat(CHARACTERS.stream(),
                java.util.stream.Stream.of("a" + new String(Character.toChars(0x1F600)))).toList()) {
            String text = "x" + c.repeat(12);
            assertThat(TextLimit.utf16Chars(text, text.length(), "[cut]")).isEqualTo(text);
            assertThat(TextLimit.chars(text, text.length())).isEqualTo(text);
            for (int limit = 7; limit < text.length(); limit++) {
                assertWholeLongestPrefix(text, c, limit, TextLimit.utf16Chars(text, limit, "[cut]"), "[cut]");
                assertWholeLongestPrefix(text, c, limit, TextLimit.chars(text, limit), "…");
            }
        }
    }

    @Test
    void aMarkdownReportAtTheLimitIsSentWholeAndOneOverItIsCutWithinIt() {
        String markdown = "| package | status |\n|---|---|\n" + "| a\u0800 | VERIFIED |\n".repeat(40);

        assertThat(TextLimit.markdownUtf8Bytes(markdown, bytes(markdown), "[cut]")).isEqualTo(markdown);
        assertThat(TextLimit.markdownUtf16Chars(markdown, markdown.length(), "[cut]")).isEqualTo(markdown);
        String bytesCut = TextLimit.markdownUtf8Bytes(markdown, bytes(markdown) - 1, "[cut]");
        String charsCut = TextLimit.markdownUtf16Chars(markdown, markdown.length() - 1, "[cut]");
        String row = "| a\u0800 | VERIFIED |\n";
        assertThat(bytes(bytesCut)).isLessThanOrEqualTo(bytes(markdown) - 1);
        assertThat(charsCut.length()).isLessThanOrEqualTo(markdown.length() - 1);
        for (String cut : List.of(bytesCut, charsCut)) {
            // cut at a line break, losing no more than the rows the room for closing a cut list takes
            String kept = cut.substring(0, cut.length() - "[cut]".length());
            assertThat(cut).endsWith("[cut]");
            assertThat(markdown).startsWith(kept + "\n");
            assertThat(kept.length()).isGreaterThan(markdown.length() - 3 * row.length());
        }
    }

    private static void assertWholeLongestPrefix(String text, String c, int limit, String cut, String marker) {
        assertThat(cut).endsWith(marker);
        assertThat(cut.length()).as("%s cut to %d chars", c, limit).isLessThanOrEqualTo(limit);
        String kept = cut.substring(0, cut.length() - marker.length());
        assertThat(text).startsWith(kept);
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).as("%s cut to %d chars", c, limit)
                .isFalse();
        assertThat(kept.length() + c.length() + marker.length()).as("%s cut to %d chars", c, limit)
                .isGreaterThan(limit);
    }
}
