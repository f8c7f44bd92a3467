package io.github.npmprovenance.verify;

/** The outcome of one check on one package. */
public enum Outcome {
    /** The check ran and the evidence holds. */
    PASS,
    /** The evidence contradicts the lockfile or does not verify: the package is INVALID. */
    FAIL,
    /** The check could not run (network, malformed data): the package is ERROR, never passed as verified. */
    ERROR,
    /** The evidence this check looks for is not published (e.g. no signature): not a contradiction. */
    ABSENT,
    /** The check does not apply (e.g. the registry publishes no keys, or the package is not from a registry). */
    SKIPPED
}
