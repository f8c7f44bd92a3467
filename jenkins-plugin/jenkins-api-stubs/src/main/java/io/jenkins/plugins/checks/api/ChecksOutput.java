package io.jenkins.plugins.checks.api;

import java.util.List;

/** Mirrors checks-api {@code ChecksOutput} and its nested builder: the members used. */
public class ChecksOutput {
    /** Mirrors {@code ChecksOutput.ChecksOutputBuilder}. */
    public static class ChecksOutputBuilder {
        public ChecksOutputBuilder() {
        }

        public ChecksOutputBuilder withTitle(final String title) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksOutputBuilder withSummary(final String summary) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksOutputBuilder withText(final String text) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksOutputBuilder withAnnotations(final List<ChecksAnnotation> annotations) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksOutput build() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
