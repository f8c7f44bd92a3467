package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;

/** Mirrors workflow-api {@code org.jenkinsci.plugins.workflow.graph.FlowNode} (inherits addOrReplaceAction). */
public abstract class FlowNode extends Actionable {
}
