package io.github.npmprovenance.policy;

import java.util.StringJoiner;
import java.util.regex.Pattern;

/** {@code *} matches any run of characters, line breaks included; everything else is literal. */
record Glob(String text, Pattern regex) {
    static Glob of(String text) {
        return new Glob(text, toRegex(text));
    }

    boolean matches(String value) {
        return regex.matcher(value).matches();
    }

    static Pattern toRegex(String glob) {
        StringJoiner regex = new StringJoiner(".*");
        for (String literal : glob.split("\\*", -1)) {
            regex.add(Pattern.quote(literal));
        }
        // without DOTALL, ".*" stops at \n, \r, U+0085, U+2028 and U+2029: "*" would not match a name holding one
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return text;
    }
}
