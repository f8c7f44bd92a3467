package io.github.npmprovenance.verify;

import java.util.Objects;

/**
 * One check's result.
 *
 * @param name which check, e.g. {@code integrity}, {@code registry-signature}
 * @param outcome what it found
 * @param code a stable machine-readable code for anything but a pass (empty on pass)
 * @param message a plain-language explanation, naming the cause
 */
public record CheckResult(String name, Outcome outcome, String code, String message) {
    public static final String SOURCE = "source";
    public static final String REGISTRY_METADATA = "registry-metadata";
    public static final String INTEGRITY = "integrity";
    public static final String REGISTRY_SIGNATURE = "registry-signature";
    public static final String PROVENANCE = "provenance";
    public static final String PUBLISH_ATTESTATION = "publish-attestation";
    public static final String OTHER_ATTESTATION = "other-attestation";

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static CheckResult pass(String name, String message) {
        return new CheckResult(name, Outcome.PASS, "", message);
    }

    public static CheckResult of(String name, Outcome outcome, String code, String message) {
        return new CheckResult(name, outcome, code, message);
    }
}
