package io.github.npmprovenance.verify;

import java.util.Locale;

/** A package's overall verdict, from its checks. Order: most severe first. */
public enum Status {
    /** Something the registry or the lockfile says contradicts the rest: tampering or corruption. */
    INVALID,
    /** Could not be verified: the registry could not be asked or answered nonsense. */
    ERROR,
    /** The registry publishes keys but has no signature for this version. */
    UNSIGNED,
    /** Registry signature verified; no provenance verified (yet). */
    SIGNED,
    /** Registry signature and Sigstore provenance verified. */
    VERIFIED,
    /** Not verifiable by nature (not from a registry, or the registry does not sign). */
    SKIPPED;

    public String lowerCase() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
