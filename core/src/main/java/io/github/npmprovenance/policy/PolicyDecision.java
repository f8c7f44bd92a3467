package io.github.npmprovenance.policy;

/**
 * Whether one package passes, and which rule decided.
 *
 * @param message plain words, e.g. "allowed until 2027-01-31: vendored fork under review"
 * @param expiredException the {@code allow} exception that matched but expired, e.g. "the exception for left-pad
 *     expired on 2027-01-31"; empty when none did. Apart from the message because reports that show a failing
 *     status's own reason instead of the message must still say why an exception the user wrote did not apply
 */
public record PolicyDecision(boolean passed, PolicyRule rule, String message, String expiredException) {

    public PolicyDecision(boolean passed, PolicyRule rule, String message) {
        this(passed, rule, message, "");
    }
}
