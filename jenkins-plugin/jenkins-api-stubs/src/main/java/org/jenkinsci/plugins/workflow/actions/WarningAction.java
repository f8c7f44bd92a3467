package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Result;

/** Mirrors workflow-api {@code org.jenkinsci.plugins.workflow.actions.WarningAction}: the members used. */
public class WarningAction implements PersistentAction {
    public WarningAction(Result result) {
    }

    public WarningAction withMessage(String message) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
