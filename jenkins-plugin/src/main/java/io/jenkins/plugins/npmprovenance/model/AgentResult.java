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
public record AgentResult(String reportJson, List<String> reportFiles, long millis, List<String> warnings)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public AgentResult {
        reportFiles = Collections.unmodifiableList(new ArrayList<>(reportFiles));
        warnings = Collections.unmodifiableList(new ArrayList<>(warnings));
    }
}
