package io.github.npmprovenance.lockfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Subresource Integrity value read exactly as npm's ssri reads it, since what matters is what npm will check a
 * download against: whitespace-separated {@code algorithm-digest} entries (JavaScript's whitespace, Unicode
 * spaces included), the algorithm lower case letters and digits, the digest everything up to a {@code ?}, kept as
 * written (ssri compares digests as strings). Entries that do not have that shape are ignored, as ssri ignores them.
 */
public final class Integrity {
    /** ssri's ranking of the algorithms Node.js offers, weakest first; an algorithm not listed ranks below all. */
    private static final List<String> RANKING =
            List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");
    private final String raw;
    private final Map<String, List<String>> digests;

    private Integrity(String raw, Map<String, List<String>> digests) {
        this.raw = raw;
        this.digests = digests;
    }

    /**
     * Scanned by hand rather than with {@code \s+} and {@code ([a-z0-9]+)-([^?]+)(\?.*)?}, which say the same: every
     * lockfile entry and every registry version is parsed, and those patterns were a tenth of a cold run's CPU.
     */
    public static Integrity parse(String value) {
        Map<String, List<String>> digests = new LinkedHashMap<>();
        int start = 0;
        while (start < value.length()) {
            if (isJavaScriptWhitespace(value.charAt(start))) {
                start++;
                continue;
            }
            int end = start;
            while (end < value.length() && !isJavaScriptWhitespace(value.charAt(end))) {
                end++;
            }
            addEntry(value, start, end, digests);
            start = end;
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        digests.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new Integrity(value.trim(), Collections.unmodifiableMap(frozen));
    }

    /** One {@code algorithm-digest?options} entry; anything else is ignored, as ssri ignores it. */
    private static void addEntry(String value, int start, int end, Map<String, List<String>> digests) {
        int dash = start;
        while (dash < end && isAlgorithmChar(value.charAt(dash))) {
            dash++;
        }
        if (dash == start || dash == end || value.charAt(dash) != '-') {
            return;
        }
        // the digest ends at this entry's first '?': searched within the entry, since searching the rest of the
        // value for each entry makes a long value of many entries quadratic
        int digestEnd = dash + 1;
        while (digestEnd < end && value.charAt(digestEnd) != '?') {
            digestEnd++;
        }
        if (digestEnd == dash + 1) {
            return;
        }
        digests.computeIfAbsent(value.substring(start, dash), a -> new ArrayList<>())
                .add(value.substring(dash + 1, digestEnd));
    }

    private static boolean isAlgorithmChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    /** JavaScript's {@code \s}: what ssri trims and splits on (Unicode spaces included, U+0085 not). */
    static boolean isJavaScriptWhitespace(char c) {
        return switch (c) {
            case '\t', '\n', '\u000B', '\f', '\r', ' ', '\u00A0', '\u1680', '\u2028', '\u2029', '\u202F', '\u205F',
                    '\u3000', '\uFEFF' -> true;
            default -> c >= '\u2000' && c <= '\u200A';
        };
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** The string as written, for messages and the signed registry message. */
    public String raw() {
        return raw;
    }

    /** The algorithm npm checks a download with: the highest ranked, the first listed among equals (as ssri). */
    public Optional<String> strongestAlgorithm() {
        String strongest = null;
        for (String algorithm : digests.keySet()) {
            if (strongest == null || RANKING.indexOf(algorithm) > RANKING.indexOf(strongest)) {
                strongest = algorithm;
            }
        }
        return Optional.ofNullable(strongest);
    }

    /** Algorithms this value lists, strongest first. */
    private List<String> byStrength() {
        List<String> algorithms = new ArrayList<>(digests.keySet());
        algorithms.sort(Comparator.comparingInt(RANKING::indexOf).reversed());
        return algorithms;
    }

    /** Every algorithm's digests, in the order written. */
    Map<String, List<String>> digestsByAlgorithm() {
        return digests;
    }

    /** Digests (base64, as written) for one algorithm; empty when absent. */
    public List<String> digests(String algorithm) {
        return digests.getOrDefault(algorithm, List.of());
    }

    /** The strongest algorithm both values carry, if any. */
    public Optional<String> strongestCommonAlgorithm(Integrity other) {
        return byStrength().stream().filter(other.digests::containsKey).findFirst();
    }

    /** How a lockfile's integrity (this) pins the bytes whose integrity the registry published. */
    public enum Binding {
        /** npm can only install the published bytes. */
        BOUND,
        /** this lists a digest the registry does not publish, for an algorithm both carry. */
        DIFFERENT,
        /** the algorithm npm will check is not one the registry publishes, so nothing ties it to the registry. */
        UNBOUND,
        /** no algorithm in common. */
        NO_COMMON_ALGORITHM
    }

    /**
     * Binds this lockfile integrity to the registry's as npm will check a download against it: npm (ssri) hashes
     * with this value's strongest algorithm only, and accepts the bytes when they equal any digest listed for it,
     * compared as strings.
     * So every digest listed for an algorithm both carry must be one the registry publishes (an extra one would
     * let other bytes in), and the registry must publish the algorithm npm checks (a matching weaker hash proves
     * nothing about the bytes npm accepts).
     */
    public Binding bindingTo(Integrity published) {
        if (strongestCommonAlgorithm(published).isEmpty()) {
            return Binding.NO_COMMON_ALGORITHM;
        }
        if (differingAlgorithm(published).isPresent()) {
            return Binding.DIFFERENT;
        }
        return published.digests.containsKey(strongestAlgorithm().orElseThrow()) ? Binding.BOUND : Binding.UNBOUND;
    }

    /** The strongest algorithm for which this lists a digest that {@code published} does not, both carrying it. */
    public Optional<String> differingAlgorithm(Integrity published) {
        return byStrength().stream()
                .filter(a -> !published.digests(a).isEmpty())
                .filter(a -> !published.digests(a).containsAll(digests(a)))
                .findFirst();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Integrity other && raw.equals(other.raw);
    }

    @Override
    public int hashCode() {
        return raw.hashCode();
    }

    @Override
    public String toString() {
        return raw;
    }
}
