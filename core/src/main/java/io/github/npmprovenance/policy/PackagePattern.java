package io.github.npmprovenance.policy;

import java.util.regex.Pattern;

/**
 * A package name pattern as policies write it: an exact name ({@code lodash}, {@code @scope/name}), a scope
 * ({@code @scope/*}), or any glob where {@code *} stands for any characters.
 */
public record PackagePattern(String text, Pattern regex) {
    public static PackagePattern of(String text) {
        return new PackagePattern(text, Glob.toRegex(text));
    }

    /**
     * For rules that add requirements ({@code require-provenance}, {@code trusted-sources}): a name that differs only
     * in ASCII case is held to them too, so that {@code Nuxt} (npm names are lower case, but for some old ones) does
     * not silently hold nothing. An {@code allow}, which waives, keeps to the exact name.
     */
    public static PackagePattern ignoringCase(String text) {
        Pattern exact = Glob.toRegex(text);
        return new PackagePattern(text, Pattern.compile(exact.pattern(), exact.flags() | Pattern.CASE_INSENSITIVE));
    }

    public boolean matches(String packageName) {
        return regex.matcher(packageName).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
