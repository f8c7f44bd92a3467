package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Mirrors workflow-step-api {@code org.jenkinsci.plugins.workflow.steps.StepExecution}: the members used. */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract boolean start() throws Exception;
}
