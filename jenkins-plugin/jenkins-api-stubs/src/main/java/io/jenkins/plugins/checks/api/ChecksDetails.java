package io.jenkins.plugins.checks.api;

/** Mirrors checks-api {@code ChecksDetails} and its nested builder: the members used. */
public class ChecksDetails {
    /** Mirrors {@code ChecksDetails.ChecksDetailsBuilder}. */
    public static class ChecksDetailsBuilder {
        public ChecksDetailsBuilder() {
        }

        public ChecksDetailsBuilder withName(final String name) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksDetailsBuilder withStatus(final ChecksStatus status) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksDetailsBuilder withDetailsURL(final String detailsURL) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksDetailsBuilder withConclusion(final ChecksConclusion conclusion) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksDetailsBuilder withOutput(final ChecksOutput output) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksDetails build() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
