package io.github.npmprovenance.registry;

/** A registry request that failed for good (after retries). The code is stable; the message is for people. */
public class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Stable failure kinds, reported as check codes. */
    public enum Kind {
        NOT_FOUND, HTTP_ERROR, RATE_LIMITED, TIMEOUT, CONNECTION, MALFORMED_RESPONSE, WRONG_CONTENT_TYPE,
        REDIRECT_REFUSED, OFFLINE_MISSING, INVALID_REQUEST, TLS_CERTIFICATE, CLIENT_CERTIFICATE
    }

    private final Kind kind;

    public RegistryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public RegistryException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Check code, e.g. {@code REGISTRY_TIMEOUT}. */
    public String code() {
        return code(kind);
    }

    /** The check code of a fetch that failed this way. */
    public static String code(Kind kind) {
        return "REGISTRY_" + kind.name();
    }
}
