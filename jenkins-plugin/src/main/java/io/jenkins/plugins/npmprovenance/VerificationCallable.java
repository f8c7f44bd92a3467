package io.jenkins.plugins.npmprovenance;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.run.RunException;
import io.jenkins.plugins.npmprovenance.model.AgentRequest;
import io.jenkins.plugins.npmprovenance.model.AgentResult;
import io.jenkins.plugins.npmprovenance.model.AgentVerification;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jenkins.MasterToSlaveFileCallable;

/** Runs the verification on the agent that holds the workspace; only the request and the result cross the wire. */
final class VerificationCallable extends MasterToSlaveFileCallable<AgentResult> {
    private static final long serialVersionUID = 1L;

    private final AgentRequest request;
    private final String baseRevision;
    private final HashMap<String, String> environment;
    private final String version;

    VerificationCallable(AgentRequest request, String baseRevision, Map<String, String> environment, String version) {
        this.request = request;
        this.baseRevision = baseRevision;
        this.environment = new HashMap<>(environment);
        this.version = version;
    }

    @Override
    public AgentResult invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        // the agent's own cache: verified data survives between builds on the same agent; none for an agent whose user
        // id has no home (Java's "?", relative: the cache would be made wherever the agent runs)
        Path home = Path.of(System.getProperty("user.home", ""));
        Optional<Path> cache = request.parameters().cache() && home.isAbsolute()
                ? Optional.of(home.resolve(".cache").resolve("npm-provenance"))
                : Optional.empty();
        try {
            return AgentVerification.run(workspace.toPath(), request, baseRevision, cache,
                    environmentOf(environment, File.pathSeparatorChar == ';')::get, version);
        } catch (RunException e) {
            // the message can quote the lockfile or the policy (the pull request's): no control characters to the log
            throw new AbortException("npm provenance: " + Escape.plain(String.valueOf(e.getMessage())));
        } catch (AbortException e) {
            throw e;
        } catch (IOException e) {
            // so can a failure to write the reports, in a folder named after the lockfile's (a link committed in its
            // place, a file where it goes): Jenkins prints the exception, and its causes, to the log as they are
            throw new AbortException("npm provenance: " + Escape.plain(String.valueOf(e)));
        }
    }

    /**
     * The build's environment as npm on this agent sees it: names in any case on Windows, as Windows (and Jenkins'
     * EnvVars) has them, so that {@code ${AppData}} in an .npmrc finds {@code APPDATA}; exact elsewhere.
     */
    static Map<String, String> environmentOf(Map<String, String> environment, boolean windows) {
        if (!windows) {
            return environment;
        }
        Map<String, String> anyCase = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        anyCase.putAll(environment);
        return anyCase;
    }
}
