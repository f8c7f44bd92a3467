package io.github.npmprovenance.report;

/**
 * One annotation on a lockfile line, shared by every front end that annotates code (GitHub check runs, workflow
 * commands, Jenkins checks).
 *
 * @param path the lockfile path as the report has it
 * @param line 1-based line of the package's entry
 * @param level how loud
 * @param title {@code name@version}
 * @param message the cause in plain words
 */
public record Annotation(String path, int line, Level level, String title, String message) {
    /** Most severe first. */
    public enum Level {
        FAILURE, WARNING, NOTICE
    }
}
