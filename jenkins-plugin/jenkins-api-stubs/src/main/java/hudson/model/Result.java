package hudson.model;

import java.io.Serializable;

/** Mirrors jenkins-core {@code hudson.model.Result}: the constants and the comparison the plugin uses. */
public final class Result implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Result SUCCESS = new Result();
    public static final Result UNSTABLE = new Result();
    public static final Result FAILURE = new Result();
    public static final Result NOT_BUILT = new Result();
    public static final Result ABORTED = new Result();

    private Result() {
    }

    public boolean isWorseThan(Result that) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
