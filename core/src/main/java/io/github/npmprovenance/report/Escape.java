package io.github.npmprovenance.report;

/**
 * Escaping of registry- and lockfile-controlled text for each destination. Package names, versions and messages
 * that quote registry data are hostile until escaped here.
 */
public final class Escape {
    private Escape() {
    }

    /** For terminals and plain logs: control characters (ANSI escapes, CR, LF) become {@code ?}. */
    public static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /**
     * For Markdown, including table cells: no formatting, links, HTML or line breaks survive. Characters that
     * Markdown treats specially are written as HTML entities, which GitHub renders literally.
     */
    public static String markdown(String text) {
        String clean = plain(text);
        StringBuilder out = new StringBuilder(clean.length() + 16);
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
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
                case '#' -> out.append("&#35;");
                case '@' -> out.append("&#64;");
                case ':' -> out.append("&#58;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
