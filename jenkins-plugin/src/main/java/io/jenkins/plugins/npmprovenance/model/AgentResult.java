package io.jenkins.plugins.npmprovenance.model;

import java.io.Serializable;
import java.util.List;

/**
 * What comes back from the agent: the JSON report (small and serializable; the controller rebuilds the report
 * from it), where the report files were written, and how long it took.
 */
public record AgentResult(String reportJson, List<String> reportFiles, long millis, List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public AgentResult {
        reportFiles = List.copyOf(reportFiles);
        warnings = List.copyOf(warnings);
    }
}
