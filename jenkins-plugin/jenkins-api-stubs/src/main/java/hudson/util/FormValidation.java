package hudson.util;

import java.io.IOException;

/** Mirrors jenkins-core {@code hudson.util.FormValidation} (implements Stapler's HttpResponse in core). */
public abstract class FormValidation extends IOException {
    private static final long serialVersionUID = 1L;

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
