package io.jenkins.plugins.checks.api;

import hudson.ExtensionPoint;
import hudson.model.Run;
import hudson.model.TaskListener;

/** Mirrors checks-api {@code ChecksPublisherFactory}: the static entry point used. */
public abstract class ChecksPublisherFactory implements ExtensionPoint {
    public static ChecksPublisher fromRun(final Run<?, ?> run, final TaskListener listener) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
