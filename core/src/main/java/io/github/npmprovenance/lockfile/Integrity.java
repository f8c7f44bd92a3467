package io.github.npmprovenance.lockfile;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Subresource Integrity value as npm writes it: whitespace-separated {@code algorithm-base64digest}
 * entries, possibly several algorithms. Unknown algorithms and malformed entries are ignored, as npm's ssri does.
 */
public final class Integrity {
    /** Strongest first; the order in which algorithms are compared. */
    public static final List<String> ALGORITHMS = List.of("sha512", "sha384", "sha256", "sha1");

    private final String raw;
    private final Map<String, List<String>> digests;

    private Integrity(String raw, Map<String, List<String>> digests) {
        this.raw = raw;
        this.digests = digests;
    }

    public static Integrity parse(String value) {
        Map<String, List<String>> digests = new LinkedHashMap<>();
        for (String part : value.trim().split("\\s+")) {
            int dash = part.indexOf('-');
            if (dash <= 0) {
                continue;
            }
            String algorithm = part.substring(0, dash).toLowerCase(java.util.Locale.ROOT);
            String digest = part.substring(dash + 1);
            int options = digest.indexOf('?');
            if (options >= 0) {
                digest = digest.substring(0, options);
            }
            if (!ALGORITHMS.contains(algorithm) || !isBase64(digest)) {
                continue;
            }
            digests.computeIfAbsent(algorithm, a -> new ArrayList<>()).add(digest);
        }
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        digests.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new Integrity(value.trim(), java.util.Collections.unmodifiableMap(frozen));
    }

    private static boolean isBase64(String digest) {
        if (digest.isEmpty()) {
            return false;
        }
        try {
            Base64.getDecoder().decode(digest);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** The string as written, for messages and the signed registry message. */
    public String raw() {
        return raw;
    }

    public Optional<String> strongestAlgorithm() {
        return ALGORITHMS.stream().filter(digests::containsKey).findFirst();
    }

    /** Digests (base64) for one algorithm; empty when absent. */
    public List<String> digests(String algorithm) {
        return digests.getOrDefault(algorithm, List.of());
    }

    /** The strongest algorithm both values carry, if any. */
    public Optional<String> strongestCommonAlgorithm(Integrity other) {
        return ALGORITHMS.stream()
                .filter(digests::containsKey)
                .filter(other.digests::containsKey)
                .findFirst();
    }

    /**
     * True when both carry a common algorithm and, for the strongest common one, share a digest.
     * Weaker algorithms are not consulted once a stronger common one disagrees.
     */
    public boolean matches(Integrity other) {
        return strongestCommonAlgorithm(other)
                .map(a -> digests(a).stream().anyMatch(mine -> other.digests(a).stream()
                        .anyMatch(theirs -> sameDigest(mine, theirs))))
                .orElse(false);
    }

    /** Compares decoded bytes in constant time, so two spellings of one digest agree. */
    private static boolean sameDigest(String a, String b) {
        return java.security.MessageDigest.isEqual(Base64.getDecoder().decode(a), Base64.getDecoder().decode(b));
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
