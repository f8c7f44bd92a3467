package io.github.npmprovenance.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a report is written, for every front end. What is at the path is replaced, whole, once the report is: it is
 * written beside it under a name of its own and renamed over it ({@link Output#commit}), so that a write that fails
 * (a full disk, a job killed at its timeout) leaves the previous report as it was rather than a cut-off one that a
 * later upload step would send, and a hard link at the path keeps the other file's content. A symbolic link there is
 * replaced too, never written through: in CI the path is often inside a checkout, where a pull request can commit
 * the report's name as a link to any file the build may write. A link that names a stream ({@code /dev/stdout}, a
 * shell's {@code /dev/fd/63}, {@code /proc/self/fd/1}: an entry of {@code /dev} itself, of {@code /dev/fd} or
 * {@code /dev/pts}, or under {@code /proc}) is written through; not one in {@code /dev/shm} or another directory
 * under {@code /dev} that anyone may write, where a checkout (a Jenkins workspace on tmpfs) can be.
 */
public final class ReportFile {
    private static final Path DEV = Path.of("/dev");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private ReportFile() {
    }

    /** Nothing is at the path until {@link Output#commit}; closed without it, the report is dropped. */
    public static Output create(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (namesStream(absolute)) {
            return new Output(Files.newOutputStream(file), null, null);
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            // which the rename would replace, were it empty
            throw new IOException(absolute + " is a directory");
        }
        // a new name, never a link: opened with CREATE_NEW, a link planted there in between fails the open. Not
        // Files.createTempFile, whose owner-only permissions would keep the report from the runner's upload steps
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + ".tmp");
        return new Output(Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS), temporary, absolute);
    }

    /** A report being written: {@link #commit} puts it at its path. */
    public static final class Output extends java.io.FilterOutputStream {
        private final Path temporary;
        private final Path target;
        private boolean committed;

        private Output(OutputStream out, Path temporary, Path target) {
            super(out);
            this.temporary = temporary;
            this.target = target;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        /** The whole report was written: it replaces what is at the path. */
        public void commit() throws IOException {
            out.flush();
            out.close();
            if (target != null) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (committed) {
                return;
            }
            try {
                out.close();
            } finally {
                if (temporary != null) {
                    Files.deleteIfExists(temporary);
                }
            }
        }
    }

    /**
     * As {@link #create(Path)}, for a run on a checkout: a report whose path lies in {@code checkout} must stay in it,
     * its links followed, since a pull request can commit a directory on the report's path as a link to any
     * directory the build may write. Checked before any directory on the way is made, lest it be made through the
     * link, and again after.
     */
    public static Output create(Path file, Path checkout) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent != null && !namesStream(absolute) && absolute.startsWith(checkout.toAbsolutePath().normalize())) {
            requireInside(checkout, parent);
            Files.createDirectories(parent);
            requireInside(checkout, parent);
        }
        return create(file);
    }

    /**
     * @throws IOException when {@code directory}, or the nearest of its parents that exists, lies in
     *     {@code checkout} as named but elsewhere once its links are followed
     */
    public static void requireInside(Path checkout, Path directory) throws IOException {
        Path root = checkout.toAbsolutePath().normalize();
        Path named = directory.toAbsolutePath().normalize();
        if (!named.startsWith(root)) {
            return;
        }
        Path existing = named;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root.toRealPath())) {
            throw new IOException((named.equals(root) ? named : root.relativize(named))
                    + " leads out of the checkout through a symbolic link");
        }
    }

    /**
     * Whether a report at {@code report} would replace {@code input}, a file the run reads: the same path written
     * another way, or, through a linked directory or a hard link, the same file; not when the report path is itself a
     * symbolic link, which {@link #create} replaces rather than writes through.
     */
    public static boolean wouldReplace(Path report, Path input) {
        if (report.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return !Files.isSymbolicLink(report) && Files.exists(report) && Files.exists(input)
                    && Files.isSameFile(report, input);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean namesStream(Path absolute) {
        if (absolute.startsWith("/proc")) {
            return true;
        }
        Path parent = absolute.getParent();
        return parent != null
                && (parent.equals(DEV) || absolute.startsWith("/dev/fd") || absolute.startsWith("/dev/pts"));
    }
}
