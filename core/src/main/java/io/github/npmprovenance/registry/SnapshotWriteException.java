package io.github.npmprovenance.registry;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a snapshot being recorded could not write (a full disk, a directory that is someone else's, a link a checkout
 * brought in): the package is missing from the snapshot, for a reason a person can act on, which names the file.
 */
public final class SnapshotWriteException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    public SnapshotWriteException(IOException cause) {
        super("cannot write the snapshot: " + FileErrors.describe(cause), cause);
    }
}
