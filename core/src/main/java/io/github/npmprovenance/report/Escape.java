package io.github.npmprovenance.report;

/**
 * Escaping of registry- and lockfile-controlled text for each destination. Package names, versions and messages
 * that quote registry data are hostile until escaped here.
 */
public final class Escape {
    private static final char WORD_JOINER = '\u2060';
    private static final String WORD_JOINER_TEXT = String.valueOf(WORD_JOINER);

    private Escape() {
    }

    /**
     * For terminals and plain logs: control characters (ANSI escapes, CR, LF) become {@code ?}. So does half a
     * surrogate pair, which a JSON string can escape into a lockfile: no UTF-8 writer can encode it, and one that
     * refuses (as {@code Files.writeString} does) would lose the whole text, such as the action's job summary.
     *
     * <p>CI runners also act on a command anywhere in a line, not only at its start: GitHub's runner on
     * {@code ##[add-mask]…}, {@code ##[error]…} or {@code ##[stop-commands]…}, and the Azure Pipelines agent it
     * comes from on {@code ##vso[…]}. A {@code ?} goes before the {@code [} of either. The runner looks for them
     * with .NET's culture-aware search, which skips invisible characters (it finds {@code ##[} with a soft hyphen
     * between the two {@code #}), so those become {@code ?} as well: the format characters (soft hyphen, zero-width
     * and bidirectional controls) and the other default-ignorable code points. Except the joiners and variation
     * selectors, which are part of how text is written (Persian's zero-width non-joiner, an emoji's VS16 or ZWJ
     * sequence) and reach this output in file paths and messages: they stay. The runner's search (ICU's, over the
     * root collation, on Linux) skips more than these: Hebrew accents, the Arabic tatweel, marks Unicode added after
     * this JDK. So every character outside ASCII is skipped in looking for the {@code ##} before a {@code [}, and
     * text that was never a command gets a {@code ?} too many at worst.
     */
    public static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || invisible(c) && !partOfWriting(c)
                    || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
                out.append('?');
                return;
            }
            if (c == '[' && (endsWithIgnoringNonAscii(out, "##") || endsWithIgnoringNonAscii(out, "##vso"))) {
                out.append('?');
            }
            out.appendCodePoint(c);
        });
        return out.toString();
    }

    /**
     * For a SARIF plain text message: as {@link #plain}, and SARIF's own syntax made literal. In a message, SARIF
     * 2.1.0 reads {@code {0}} as a placeholder for an argument (§3.11.5: literal braces are doubled) and
     * {@code [text](target)} as an embedded link, which viewers such as GitHub code scanning render (§3.11.6:
     * literal brackets are escaped with a backslash, and so is a literal backslash, or {@code \[} would read as an
     * escaped backslash before a bracket that opens a link, as GitHub's own SARIF readers parse it).
     */
    public static String sarifText(String text) {
        StringBuilder out = new StringBuilder();
        plain(text).chars().forEach(c -> {
            switch (c) {
                case '{' -> out.append("{{");
                case '}' -> out.append("}}");
                case '[', ']', '\\' -> out.append('\\').append((char) c);
                default -> out.append((char) c);
            }
        });
        return out.toString();
    }

    /**
     * Unicode's default-ignorable code points: format characters, variation selectors, fillers, and those reserved
     * for more of them (U+2065, U+FFF0 to U+FFF8, the rest of U+E0000 to U+E0FFF), which browsers already show as
     * nothing.
     */
    private static boolean invisible(int c) {
        return Character.getType(c) == Character.FORMAT || c == 0x034F || c == 0x115F || c == 0x1160
                || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || c == 0x2065 || c == 0x3164
                || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8)
                || (c >= 0xE0000 && c <= 0xE0FFF);
    }

    /** Zero-width (non-)joiners and variation selectors: invisible, but needed to write some text as meant. */
    private static boolean partOfWriting(int c) {
        return c == 0x200C || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
    }

    /**
     * Whether the text ends with the suffix (in any case), its characters outside ASCII skipped: no ASCII character
     * left here is one the runner ignores (the controls are {@code ?} by now), and which others it ignores depends
     * on its ICU version.
     */
    private static boolean endsWithIgnoringNonAscii(StringBuilder text, String suffix) {
        int end = text.length();
        for (int i = suffix.length() - 1; i >= 0; i--) {
            while (end > 0 && text.charAt(end - 1) >= 0x80) {
                end--;
            }
            if (end == 0 || Character.toLowerCase(text.charAt(end - 1)) != Character.toLowerCase(suffix.charAt(i))) {
                return false;
            }
            end--;
        }
        return true;
    }

    /**
     * For Markdown, including table cells: no formatting, links, HTML, math or line breaks survive. Characters that
     * Markdown treats specially are written as HTML entities, which GitHub renders literally ({@code $} among
     * them, which GitHub reads as the delimiter of math, a formula set in a size and position of its own). An
     * entity does not stop what GitHub finds in the rendered text, though: mentions ({@code @user}, which a scoped
     * package name looks like), issue references ({@code #1}), and, with renderers that decode entities first, bare links
     * ({@code https://}); and {@code www.} and {@code GH-1} need no special character at all. So an invisible word
     * joiner (U+2060) follows an {@code @} that starts a word or precedes a commit id (GitHub links
     * {@code owner/repo@a5c3785} to that commit), every {@code #} (also {@code owner/repo#1}, which
     * would leave a backlink on someone else's issue) and {@code :}, and the {@code www} of {@code www.} and the
     * {@code GH} of {@code GH-}: the text reads the same, and {@code name@version} copies cleanly.
     */
    public static String markdown(String text) {
        String clean = plain(text);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if (c == '.' && i >= 3 && clean.regionMatches(true, i - 3, "www", 0, 3)
                    || c == '-' && i >= 2 && clean.regionMatches(true, i - 2, "gh", 0, 2)) {
                out.append(WORD_JOINER);
            }
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '|' -> out.append("&#124;");
                case '`' -> out.append("&#96;");
                case '[' -> out.append("&#91;");
                case ']' -> out.append("&#93;");
                case '(' -> out.append("&#40;");
                case ')' -> out.append("&#41;");
                case '*' -> out.append("&#42;");
                case '_' -> out.append("&#95;");
                case '~' -> out.append("&#126;");
                case '\\' -> out.append("&#92;");
                case '!' -> out.append("&#33;");
                case '$' -> out.append("&#36;");
                case '#' -> out.append("&#35;").append(WORD_JOINER);
                case '@' -> out.append("&#64;")
                        .append(startsWord(clean, i) || commitFollows(clean, i + 1) ? WORD_JOINER_TEXT : "");
                case ':' -> out.append("&#58;").append(WORD_JOINER);
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Whether a commit id, as GitHub links {@code user@a5c3785} and {@code owner/repo@a5c3785}, starts here: 7 to
     * 40 hexadecimal digits, a whole word. A version ({@code 3.13.0}) is none.
     */
    private static boolean commitFollows(String text, int index) {
        int end = index;
        while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0 && text.charAt(end) < 0x80) {
            end++;
        }
        return end - index >= 7 && end - index <= 40 && (end == text.length() || !isWordChar(text.charAt(end)));
    }

    private static boolean isWordChar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_');
    }

    /** GitHub's mentions begin where a word does, words being ASCII letters, digits and {@code _} (Ruby's \w). */
    private static boolean startsWord(String text, int index) {
        if (index == 0) {
            return true;
        }
        return !isWordChar(text.charAt(index - 1));
    }
}
