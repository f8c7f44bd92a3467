package io.github.npmprovenance.action;

import java.util.Locale;
import java.util.function.Function;

/**
 * The environment npm configuration is read with. A project's {@code .npmrc} can arrive with the pull request
 * under test, and its {@code ${VAR}} references are expanded into registry URLs and tokens: given the whole
 * environment, it could send the action's own inputs (the GitHub token) or the runner's credentials to a
 * registry of its choosing. Those variables read as unset, so a reference to one stays as written, as npm leaves
 * any unset variable; everything else (e.g. an {@code NPM_TOKEN} the workflow sets for the step) is still there.
 */
final class NpmEnvironment {
    private NpmEnvironment() {
    }

    static Function<String, String> of(Function<String, String> environment) {
        return name -> hidden(name) ? null : environment.apply(name);
    }

    /**
     * {@code INPUT_*}: the action's inputs, {@code token} among them; {@code ACTIONS_*}: the runner's runtime,
     * cache and OIDC request tokens and URLs; {@code GITHUB_TOKEN}: the workflow token, when a workflow exports it.
     */
    static boolean hidden(String name) {
        // variable names are case-sensitive on Linux, but a Windows runner would match them in any case
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("INPUT_") || upper.startsWith("ACTIONS_") || upper.equals("GITHUB_TOKEN");
    }
}
