package io.github.npmprovenance.lockfile;

/** The lockfile could not be found, read or understood. Carries the file and, when known, the line. */
public class LockfileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final int line;

    public LockfileException(String path, int line, String message, Throwable cause) {
        super(path + (line > 0 ? ":" + line : "") + ": " + message, cause);
        this.path = path;
        this.line = line;
    }

    public LockfileException(String path, String message) {
        this(path, 0, message, null);
    }

    public String path() {
        return path;
    }

    /** 1-based line, or 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }
}
