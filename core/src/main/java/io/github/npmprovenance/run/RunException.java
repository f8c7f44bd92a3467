package io.github.npmprovenance.run;

/** The run could not start: unreadable lockfile, policy, registry configuration or trust material. */
public class RunException extends Exception {
    private static final long serialVersionUID = 1L;

    public RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
