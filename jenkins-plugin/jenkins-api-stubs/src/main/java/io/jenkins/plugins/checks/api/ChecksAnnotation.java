package io.jenkins.plugins.checks.api;

/** Mirrors checks-api {@code ChecksAnnotation}, its level enum and its nested builder: the members used. */
public class ChecksAnnotation {
    /** Mirrors {@code ChecksAnnotation.ChecksAnnotationLevel}. */
    public enum ChecksAnnotationLevel {
        NONE, NOTICE, WARNING, FAILURE
    }

    /** Mirrors {@code ChecksAnnotation.ChecksAnnotationBuilder}. */
    public static class ChecksAnnotationBuilder {
        public ChecksAnnotationBuilder() {
        }

        public ChecksAnnotationBuilder withPath(final String path) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksAnnotationBuilder withStartLine(final Integer startLine) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksAnnotationBuilder withEndLine(final Integer endLine) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksAnnotationBuilder withAnnotationLevel(final ChecksAnnotationLevel level) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksAnnotationBuilder withMessage(final String message) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksAnnotationBuilder withTitle(final String title) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public ChecksAnnotation build() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
