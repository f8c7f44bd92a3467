package io.github.npmprovenance.lockfile;

/** Where a locked package's content comes from; only {@link #REGISTRY} packages can be verified against a registry. */
public enum SourceKind {
    REGISTRY(""),
    GIT("installed from a git repository, not from a registry"),
    FILE("installed from a local file or directory (file:)"),
    LINK("a workspace or linked local package (link:)"),
    REMOTE_TARBALL("installed from a remote tarball URL, not from a registry"),
    BUNDLED("bundled inside its parent package's tarball (inBundle)");

    private final String skipReason;

    SourceKind(String skipReason) {
        this.skipReason = skipReason;
    }

    public boolean fromRegistry() {
        return this == REGISTRY;
    }

    /** Plain-language reason a package of this kind is not verified. Empty for registry packages. */
    public String skipReason() {
        return skipReason;
    }
}
