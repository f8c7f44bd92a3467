package io.github.npmprovenance.attestation;

/** An attestation that does not verify. The code is stable; the message names the failed check in plain words. */
public class AttestationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public AttestationException(String code, String message) {
        super(message);
        this.code = code;
    }

    public AttestationException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
