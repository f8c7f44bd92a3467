package hudson.util;

import java.io.Serializable;

/** Mirrors jenkins-core {@code hudson.util.Secret}: only the members the plugin uses. */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    Secret(String value) {
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static Secret fromString(String data) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
