package io.github.npmprovenance.action;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The action's inputs, as the runner passes them: {@code INPUT_<NAME>} environment variables, upper-cased with
 * hyphens kept (e.g. {@code INPUT_FAIL-ON}). An empty value means "not given".
 */
record ActionInputs(String lockfile, Optional<String> policy, Optional<String> registry, Optional<String> failOn,
        Optional<String> mode, Optional<String> token, String checkName, Optional<Boolean> comment, String sarifFile,
        String jsonFile) {

    static ActionInputs from(Function<String, String> environment) {
        Function<String, Optional<String>> input = name -> Optional.ofNullable(
                environment.apply("INPUT_" + name.toUpperCase(Locale.ROOT))).map(String::trim).filter(v -> !v.isEmpty());
        return new ActionInputs(
                input.apply("lockfile").orElse("."),
                input.apply("policy"),
                input.apply("registry"),
                input.apply("fail-on"),
                input.apply("mode"),
                input.apply("token"),
                input.apply("check-name").orElse(StickyComment.DEFAULT_CHECK_NAME),
                input.apply("comment").map(ActionInputs::bool).orElse(Optional.of(false)),
                input.apply("sarif-file").orElse("npm-provenance.sarif"),
                input.apply("json-file").orElse("npm-provenance.json"));
    }

    /** GitHub's boolean inputs are the strings true and false; anything else is empty, a mistake to report. */
    private static Optional<Boolean> bool(String value) {
        return value.equalsIgnoreCase("true") ? Optional.of(true)
                : value.equalsIgnoreCase("false") ? Optional.of(false) : Optional.empty();
    }

    @Override
    public String toString() {
        // records print every field; the token must never reach a log
        return "ActionInputs[lockfile=" + lockfile + ", checkName=" + checkName + ", token=" + (token.isPresent()
                ? "***" : "none") + "]";
    }
}
