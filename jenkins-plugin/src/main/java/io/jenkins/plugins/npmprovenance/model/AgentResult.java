package io.jenkins.plugins.npmprovenance.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What comes back from the agent: the JSON report (small and serializable; the controller rebuilds the report
 * from it), where the report files were written, and how long it took.
 *
 * <p>The controller reads it under Jenkins' JEP-200 class filter, which rejects {@code java.util.CollSer} (the
 * serial form of {@code List.of}/{@code List.copyOf}): the lists are unmodifiable views of {@code ArrayList}s,
 * both on core's whitelist.
 */
public record AgentResult(String reportJson, List<String> reportFiles, long millis, List<String> warnings,
        String repositoryRoot, String workspaceInRepository, String shownPrefix) implements Serializable {
    private static final long serialVersionUID = 4L;

    /**
     * @param repositoryRoot where the checkout holding the lockfile has its root, relative to the workspace and
     *     ending in {@code /} ({@code ""} for the workspace itself or a directory above it): GitHub takes annotation
     *     paths relative to the repository, the report page shows them relative to the workspace
     * @param workspaceInRepository where the workspace lies in that checkout, when its root is above the workspace
     *     ({@code dir('web') { verifyNpmProvenance() }} after {@code checkout scm}): {@code web/}, else {@code ""}
     * @param shownPrefix what {@link #shown} puts before a path: where the step ran in the build's workspace
     *     ({@code WORKSPACE}, which {@code dir()} leaves as it is), as {@code app/web/}, {@code ""} at its root;
     *     where that is not known, {@code workspaceInRepository}
     */
    public AgentResult {
        reportFiles = Collections.unmodifiableList(new ArrayList<>(reportFiles));
        warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
        java.util.Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        java.util.Objects.requireNonNull(workspaceInRepository, "workspaceInRepository");
        java.util.Objects.requireNonNull(shownPrefix, "shownPrefix");
    }

    /**
     * A path of the report as the build's page, log and report files show it: relative to the build's workspace,
     * not to the step's directory, so that two calls in {@code dir('web')} and {@code dir('api')} are told apart and
     * {@code recordIssues} finds the lockfile from the workspace's root; where the workspace is not known, relative
     * to the checkout's root above the step.
     */
    public String shown(String stepPath) {
        return shownPrefix + stepPath;
    }

    /** A workspace-relative path of the report, relative to the repository's root instead. */
    public String inRepository(String workspacePath) {
        if (!repositoryRoot.isEmpty()) {
            return workspacePath.startsWith(repositoryRoot) ? workspacePath.substring(repositoryRoot.length())
                    : workspacePath;
        }
        return workspaceInRepository + workspacePath;
    }
}
