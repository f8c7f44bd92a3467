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
     * with this value's strongest algorithm only, and accepts the bytes when they equal any digest listed for it.
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
        return ALGORITHMS.stream()
                .filter(a -> !published.digests(a).isEmpty())
                .filter(a -> !digests(a).stream()
                        .allMatch(mine -> published.digests(a).stream().anyMatch(theirs -> sameDigest(mine, theirs))))
                .findFirst();
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
