package io.github.npmprovenance.registry;

/**
 * A value of npm configuration that cannot be used. The message names where the value came from (file and line,
 * or variable) and what is wrong with it, never the value itself: after {@code ${VAR}} expansion it may hold a
 * secret, and the message ends up in logs.
 */
public final class NpmrcException extends Exception {
    private static final long serialVersionUID = 1L;

    public NpmrcException(String message) {
        super(message);
    }
}
