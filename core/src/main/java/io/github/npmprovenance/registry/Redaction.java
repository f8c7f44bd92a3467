package io.github.npmprovenance.registry;

import java.util.Comparator;
import java.util.Map;

/**
 * What {@code ${NAME}} expansion put into a registry's URL, to be shown as {@code ${NAME}} again: a registry that
 * takes its token in the path (Gemfury's {@code https://npm-proxy.fury.io/${FURY_TOKEN}/acct/}) is configured so, and
 * its URL is printed in reports, messages and the names of snapshot and cache folders.
 *
 * @param namesByValue each variable's value (set, not empty), and its name
 */
public record Redaction(Map<String, String> namesByValue) {
    public static final Redaction NONE = new Redaction(Map.of());

    public Redaction {
        namesByValue = Map.copyOf(namesByValue);
    }

    /** The text with each value written as the {@code ${NAME}} it came from, the longest values first. */
    public String apply(String text) {
        String shown = text;
        for (Map.Entry<String, String> entry : namesByValue.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .toList()) {
            shown = shown.replace(entry.getKey(), "${" + entry.getValue() + "}");
        }
        return shown;
    }

    /** Never the values: they are what it hides. */
    @Override
    public String toString() {
        return "Redaction" + namesByValue.values().stream().sorted().toList();
    }
}
