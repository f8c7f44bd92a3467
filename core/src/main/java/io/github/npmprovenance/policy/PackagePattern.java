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

    public boolean matches(String packageName) {
        return regex.matcher(packageName).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
