package io.github.npmprovenance.policy;

/**
 * Whether one package passes, and which rule decided.
 *
 * @param rule {@code fail-on}, {@code require-provenance}, {@code trusted-sources} or {@code allow}
 * @param message plain words, e.g. "allowed until 2027-01-31: vendored fork under review"
 */
public record PolicyDecision(boolean passed, String rule, String message) {
}
