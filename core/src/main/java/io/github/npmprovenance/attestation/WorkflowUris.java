package io.github.npmprovenance.attestation;

/**
 * A workflow's URI without its {@code @ref} ({@code https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1}).
 * A file name may hold an {@code @} too ({@code release.yml@x.yml} is another file of the same directory), and so
 * may a ref, so the first {@code @} is not where the ref begins: the ref is taken off as the certificate states it,
 * and otherwise only where a single {@code @} leaves no doubt. Where it does, the URI names no workflow, as
 * slsa-verifier refuses a builder id that does not split in two at {@code @}.
 */
final class WorkflowUris {
    private WorkflowUris() {
    }

    /** The URI without {@code "@" + ref}, or without what follows its only {@code @}; else "". */
    static String withoutRef(String uri, String ref) {
        if (!ref.isEmpty() && uri.endsWith("@" + ref)) {
            return uri.substring(0, uri.length() - ref.length() - 1);
        }
        int at = uri.indexOf('@');
        if (at < 0) {
            return uri;
        }
        return uri.indexOf('@', at + 1) < 0 ? uri.substring(0, at) : "";
    }
}
