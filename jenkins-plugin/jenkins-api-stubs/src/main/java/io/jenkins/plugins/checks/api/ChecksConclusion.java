package io.jenkins.plugins.checks.api;

/** Mirrors checks-api {@code ChecksConclusion}. */
public enum ChecksConclusion {
    NONE, ACTION_REQUIRED, SKIPPED, CANCELED, TIME_OUT, FAILURE, NEUTRAL, SUCCESS
}
