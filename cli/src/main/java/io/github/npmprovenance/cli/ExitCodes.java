package io.github.npmprovenance.cli;

import io.github.npmprovenance.report.RunResult;

/** The command's exit codes; documented in the README. */
final class ExitCodes {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int USAGE_OR_INPUT = 2;
    static final int INCOMPLETE = 3;

    private ExitCodes() {
    }

    static int of(RunResult result) {
        return switch (result) {
            case PASSED -> PASSED;
            case FAILED -> FAILED;
            case INCOMPLETE -> INCOMPLETE;
        };
    }
}
