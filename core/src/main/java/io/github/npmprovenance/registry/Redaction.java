package io.github.npmprovenance.registry;

import java.util.Map;
import java.util.Optional;

/**
 * What {@code ${NAME}} expansion put into a registry's URL, which is printed in reports and messages and names
 * snapshot and cache folders: a registry that takes its token in the path (Gemfury's
 * {@code https://npm-proxy.fury.io/${FURY_TOKEN}/acct/}) is configured so, or a variable holds the whole URL.
 *
 * @param namesByValue each variable's value (set, not empty), and its name
 * @param written the URL as its setting wrote it, before expansion
 */
public record Redaction(Map<String, String> namesByValue, String written) {
    public static final Redaction NONE = new Redaction(Map.of(), "");

    public Redaction {
        namesByValue = Map.copyOf(namesByValue);
    }

    /** Whether expansion put nothing in the URL. */
    public boolean isNone() {
        return namesByValue.isEmpty();
    }

    /**
     * The path with each value written as the {@code ${NAME}} it came from, where that can be told: each value
     * stands once in the path and nowhere in the authority. Else empty: a value spanning host and path (a variable
     * holding the whole URL), or one that stands more than once (a short value, that could as well be part of a
     * name written out).
     */
    Optional<String> inPath(String authority, String path) {
        java.util.TreeMap<Integer, Map.Entry<String, String>> byStart = new java.util.TreeMap<>();
        String host = authority.toLowerCase(java.util.Locale.ROOT);
        for (Map.Entry<String, String> entry : namesByValue.entrySet()) {
            String value = entry.getKey();
            int first = path.indexOf(value);
            if (first < 0 || path.indexOf(value, first + 1) >= 0
                    || host.contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return Optional.empty();
            }
            if (byStart.putIfAbsent(first, entry) != null) {
                // two values beginning at one place: which part is whose cannot be told
                return Optional.empty();
            }
        }
        StringBuilder shown = new StringBuilder();
        int end = 0;
        for (Map.Entry<Integer, Map.Entry<String, String>> at : byStart.entrySet()) {
            if (at.getKey() < end) {
                // two values overlapping: which part is whose cannot be told
                return Optional.empty();
            }
            shown.append(path, end, at.getKey()).append("${").append(at.getValue().getValue()).append('}');
            end = at.getKey() + at.getValue().getKey().length();
        }
        return Optional.of(shown.append(path.substring(end)).toString());
    }

    /** Where the first value begins in the text, or its length where none does. */
    int firstIndexIn(String text) {
        return namesByValue.keySet().stream().mapToInt(text::indexOf).filter(i -> i >= 0).min().orElse(text.length());
    }

    /** Never the values: they are what it hides. */
    @Override
    public String toString() {
        return "Redaction" + namesByValue.values().stream().sorted().toList();
    }
}
