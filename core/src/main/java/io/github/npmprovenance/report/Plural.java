package io.github.npmprovenance.report;

/** A count with its noun, as people write it: "1 package", "2 packages". */
public final class Plural {
    private Plural() {
    }

    /** The count and the noun, with an "s" unless the count is one. */
    public static String of(long count, String singular) {
        return count + " " + (count == 1 ? singular : singular + "s");
    }

    /** The verb that agrees with the count: "1 more is", "2 more are". */
    public static String is(long count) {
        return count == 1 ? "is" : "are";
    }
}
