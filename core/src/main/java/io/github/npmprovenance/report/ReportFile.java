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
 * held until {@link Output#commit}, written beside the path under a name of its own and renamed over it, so that a
 * write that fails (a full disk, a job killed at its timeout) leaves the previous report as it was rather than a
 * cut-off one that a later upload step would send, and a hard link at the path keeps the other file's content. Where
 * the rename cannot be made (a file bind-mounted into a container, a directory the run may not write holding a file it
 * may, a file held open on Windows), the report is written in place, truncating what is there. A symbolic link at
 * the path is replaced, never written through: in CI the path is often inside a checkout, where a pull request can commit the
 * report's name as a link to any file the build may write. A link that names a stream ({@code /dev/stdout}, a
 * shell's {@code /dev/fd/63}, {@code /proc/self/fd/1}: an entry of {@code /dev} itself, of {@code /dev/fd} or
 * {@code /dev/pts}, or under {@code /proc}; not one in {@code /dev/shm} or another directory under {@code /dev} that
 * anyone may write, where a checkout can be) is written through, appended to; a named pipe, socket or device
 * elsewhere is refused. A replaced report is a new file, with the owner and permissions any new file of the run
 * gets.
 */
public final class ReportFile {
    private static final Path DEV = Path.of("/dev");
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /** Reports written beside their path and not yet renamed over it. */
    private static final java.util.Set<Path> UNFINISHED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicBoolean REMOVED_AT_EXIT =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * For a process of its own (the command line, the action's container): a job stopped between writing a report
     * beside its path and renaming it (SIGTERM at its timeout, Ctrl-C) leaves the previous report as it was, and the
     * hidden file is removed at exit, which an artifact upload of the report's directory would otherwise pick up.
     * Not for a JVM that outlives the run, such as a Jenkins agent's, where a hook would hold the plugin's classes.
     */
    public static void removeUnfinishedAtExit() {
        if (REMOVED_AT_EXIT.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (Path file : UNFINISHED) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        // exiting: nothing else to do about it
                    }
                }
            }, "npm-provenance-report-cleanup"));
        }
    }

    private ReportFile() {
    }

    /** Nothing is at the path until {@link Output#commit}; closed without it, the report is dropped. */
    public static Output create(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (namesStream(absolute)) {
            return new Output(file, true);
        }
        if (isSpecialFile(absolute)) {
            // a named pipe with no reader would hold the run for ever once opened; one replaced, its reader
            throw new IOException(absolute + " is a named pipe, socket or device, not a file");
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            // which the rename would replace, were it empty
            throw new IOException(absolute + " is a directory");
        }
        return new Output(absolute, false);
    }

    /** A named pipe, socket or device at the path, outside /dev and /proc. */
    private static boolean isSpecialFile(Path absolute) {
        return Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(absolute,
                LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)
                && !Files.isSymbolicLink(absolute);
    }

    /** A report being written: held in memory until {@link #commit} puts it at its path; closing writes nothing. */
    public static final class Output extends java.io.ByteArrayOutputStream {
        private final Path target;
        private final boolean stream;

        private Output(Path target, boolean stream) {
            super(64 * 1024);
            this.target = target;
            this.stream = stream;
        }

        /** The whole report was written: it replaces what is at the path. */
        public void commit() throws IOException {
            if (stream) {
                // appended: with stdout redirected to a file, truncating would wipe what the run printed before
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    writeTo(out);
                }
                return;
            }
            Path temporary;
            try {
                temporary = temporaryBeside(target);
            } catch (java.nio.file.AccessDeniedException e) {
                // a directory the run may not write, holding a report file it may; not a full disk or quota, where
                // writing in place would cut the previous report short too
                writeInPlace();
                return;
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.NoSuchFileException e) {
                // removed at exit (see removeUnfinishedAtExit): the process is stopping, and writing in place now
                // would leave a cut-off report where the previous one was
                throw e;
            } catch (java.nio.file.FileSystemException e) {
                // a file bind-mounted into a container (EBUSY), another user's in a sticky directory (EPERM), one
                // held open on Windows: the report, whole beside it, took the space it needs, so writing in place
                // cannot run short of it
                Files.deleteIfExists(temporary);
                writeInPlace();
            } finally {
                UNFINISHED.remove(temporary);
            }
        }

        /** A new file beside the target, the report in it: never a link, so a link planted there fails it. */
        private Path temporaryBeside(Path file) throws IOException {
            String name = file.getFileName().toString();
            // within 255 bytes however long the report's own name: 40 characters of UTF-8 are 160 bytes at most
            Path temporary = file.resolveSibling("." + name.substring(0, Math.min(name.length(), 40)) + "."
                    + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE) + ".tmp");
            UNFINISHED.add(temporary);
            // not Files.createTempFile, whose owner-only permissions would keep the report from the runner's upload
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                writeTo(out);
            } catch (IOException | RuntimeException | Error e) {
                try {
                    Files.deleteIfExists(temporary);
                } finally {
                    UNFINISHED.remove(temporary);
                }
                throw e;
            }
            return temporary;
        }

        private void writeInPlace() throws IOException {
            if (Files.isSymbolicLink(target)) {
                Files.delete(target);
            }
            // and should a link appear in between, opening it fails
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                writeTo(out);
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
        if (!realPath(named).startsWith(root.toRealPath())) {
            throw new IOException((named.equals(root) ? named : root.relativize(named))
                    + " leads out of the checkout through a symbolic link");
        }
    }

    /**
     * Where a path leads once the links of its nearest existing directory are followed (the rest, not made yet,
     * as named): a snapshot named through a linked directory is the same snapshot.
     */
    public static Path realPath(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? absolute : existing.toRealPath().resolve(existing.relativize(absolute));
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
