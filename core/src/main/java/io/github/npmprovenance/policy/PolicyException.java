package io.github.npmprovenance.policy;

/** A policy file that cannot be used; names the file and line. */
public class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public PolicyException(String path, int line, String message) {
        super(path + (line > 0 ? ":" + line : "") + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
