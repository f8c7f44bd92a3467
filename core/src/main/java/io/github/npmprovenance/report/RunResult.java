package io.github.npmprovenance.report;

/** The run as a whole, so that a script can tell "bad" from "unknown". */
public enum RunResult {
    /** No package failed and nothing was left unverified. */
    PASSED,
    /** At least one package failed the policy. */
    FAILED,
    /** No package failed, but some could not be verified and errors were told not to fail. */
    INCOMPLETE
}
