package io.jenkins.plugins.npmprovenance.model;

import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.registry.Registry;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The step's parameters, as the Jenkinsfile gives them (blank means default), and their validation. The same
 * checks back the Snippet Generator's form validation and the step's start.
 *
 * @param lockfile workspace-relative lockfile or directory; blank: the workspace
 * @param policy workspace-relative policy file; blank: {@code .npm-provenance.yml} beside the lockfile
 * @param failOn statuses that fail the build; blank: the policy's, else invalid,unsigned,error
 * @param registry default registry URL; blank: from npm configuration
 * @param tokenCredentialsId id of a secret-text credential holding the token for {@code registry}, which it needs
 * @param mode {@code all} or {@code changed}
 * @param cache whether the agent's cache is read and written: every build on the agent can write it, so where builds
 *              of untrusted changes share an agent, a build can leave it alone, as {@code --no-cache} does
 */
public record StepParameters(String lockfile, String policy, String failOn, String registry,
        String tokenCredentialsId, String mode, boolean cache) implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * The modes the Snippet Generator offers, the default first with the value of a step that does not set it: the
     * Snippet Generator leaves out a parameter whose value is the default's, so choosing the default writes nothing.
     */
    public static final List<Choice> MODE_CHOICES = List.of(new Choice("Every package (all, the default)", ""),
            new Choice("Only packages the change brought in (changed)", "changed"));

    /** With the agent's cache, the step's default. */
    public StepParameters(String lockfile, String policy, String failOn, String registry, String tokenCredentialsId,
            String mode) {
        this(lockfile, policy, failOn, registry, tokenCredentialsId, mode, true);
    }

    public StepParameters {
        lockfile = blankToEmpty(lockfile);
        policy = blankToEmpty(policy);
        failOn = blankToEmpty(failOn);
        registry = blankToEmpty(registry);
        tokenCredentialsId = blankToEmpty(tokenCredentialsId);
        mode = blankToEmpty(mode).toLowerCase(Locale.ROOT);
    }

    /** Every problem, in plain words; empty when the parameters can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        problemWithPath("lockfile", lockfile).ifPresent(problems::add);
        problemWithPath("policy", policy).ifPresent(problems::add);
        problemWithFailOn(failOn).ifPresent(problems::add);
        problemWithRegistry(registry).ifPresent(problems::add);
        problemWithToken(tokenCredentialsId, registry).ifPresent(problems::add);
        if (!mode.isEmpty() && !mode.equals("all") && !mode.equals("changed")) {
            problems.add("mode must be 'all' or 'changed', not '" + mode + "'");
        }
        return problems;
    }

    public static Optional<String> problemWithToken(String tokenCredentialsId, String registry) {
        if (!blankToEmpty(tokenCredentialsId).isEmpty() && blankToEmpty(registry).isEmpty()) {
            // else the token would go to whatever registry the project's .npmrc names
            return Optional.of("tokenCredentialsId needs registry: the token is sent only to the registry given with "
                    + "it");
        }
        return Optional.empty();
    }

    public Optional<FailOn> failOnOverride() {
        return failOn.isEmpty() ? Optional.empty() : Optional.of(FailOn.parse(failOn));
    }

    /** Paths stay inside the workspace: the step runs with the agent's rights. */
    public static Optional<String> problemWithPath(String name, String path) {
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("\\")
                || List.of(path.split("[/\\\\]")).contains("..")) {
            return Optional.of(name + " must be a path inside the workspace, not '" + path + "'");
        }
        return Optional.empty();
    }

    public static Optional<String> problemWithFailOn(String failOn) {
        if (failOn.isEmpty()) {
            return Optional.empty();
        }
        try {
            FailOn.parse(failOn);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("failOn: " + e.getMessage());
        }
    }

    public static Optional<String> problemWithRegistry(String registry) {
        if (registry.isEmpty()) {
            return Optional.empty();
        }
        // not quoted: the step prints its problems, and the registry with a missing credential, to the build log
        String credentials = "registry must not hold credentials (user:password@): give the token with "
                + "tokenCredentialsId";
        String notUrl = "registry must be an http(s) URL, not '" + registry + "'";
        try {
            URI uri = URI.create(registry);
            if (Registry.holdsCredentials(uri)) {
                // user:password@ however written: a '/', '?' or '#' in the password ends the authority early, and
                // the rest may still parse (https://ci:2024/pass@host/ as host ci, port 2024)
                return Optional.of(credentials);
            }
            // //host/ has a host and no scheme; the scheme in any case, as the command line takes it
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
                return Optional.of(notUrl);
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // no URL: quoted only where it cannot be user:password@ that a '/', '?' or '#' in the password broke
            return Optional.of(registry.indexOf('@') >= 0 ? credentials : notUrl);
        }
    }


    private static String blankToEmpty(String value) {
        return value == null ? "" : value.trim();
    }

    /** An option of a drop-down list: what it reads, and the value the step gets. */
    public record Choice(String label, String value) {
    }
}
