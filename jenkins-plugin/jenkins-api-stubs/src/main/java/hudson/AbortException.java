package hudson;

import java.io.IOException;

/** Mirrors jenkins-core {@code hudson.AbortException}. */
public class AbortException extends IOException {
    private static final long serialVersionUID = 1L;

    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
