package io.jenkins.plugins.checks.api;

/** Mirrors checks-api {@code ChecksStatus}. */
public enum ChecksStatus {
    NONE, QUEUED, IN_PROGRESS, COMPLETED
}
