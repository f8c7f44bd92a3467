package io.jenkins.plugins.checks.api;

/** Mirrors checks-api {@code io.jenkins.plugins.checks.api.ChecksPublisher}. */
public abstract class ChecksPublisher {
    public abstract void publish(ChecksDetails details);
}
