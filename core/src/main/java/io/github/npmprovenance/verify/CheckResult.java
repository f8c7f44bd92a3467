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

    /**
     * Messages quote what a registry or bundle says (a media type, a predicate type, a key id), and an attestations
     * response may be 32 MiB: each report writes a message several times over, so one hostile package could make
     * every report gigabytes. No message of this tool's own comes near this.
     */
    public static final int MAX_MESSAGE_CHARS = 2_000;

    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        message = bounded(message);
    }

    private static String bounded(String message) {
        if (message.length() <= MAX_MESSAGE_CHARS) {
            return message;
        }
        String marker = "… (" + (message.length() - MAX_MESSAGE_CHARS) + " more characters not shown)";
        int end = MAX_MESSAGE_CHARS - marker.length();
        if (Character.isHighSurrogate(message.charAt(end - 1))) {
            end--;
        }
        return message.substring(0, end) + marker;
    }

    public static CheckResult pass(String name, String message) {
        return new CheckResult(name, Outcome.PASS, "", message);
    }

    public static CheckResult of(String name, Outcome outcome, String code, String message) {
        return new CheckResult(name, outcome, code, message);
    }
}
