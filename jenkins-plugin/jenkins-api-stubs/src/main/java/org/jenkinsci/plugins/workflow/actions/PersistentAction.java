package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

/** Mirrors workflow-api {@code org.jenkinsci.plugins.workflow.actions.PersistentAction}. */
public interface PersistentAction extends Action {
}
