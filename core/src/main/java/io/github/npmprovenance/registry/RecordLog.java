package io.github.npmprovenance.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

/**
 * An append-only file of records, one per line: {@code <sha256 of the rest, hex> <key> <value>}, where the key
 * has no spaces and the value no line breaks (compact JSON). One file instead of one per entry, because creating,
 * opening and looking up thousands of small files cost seconds on a cold run and most of a warm one.
 *
 * <p>A record whose digest does not match (a torn write, concurrent appends from two processes, tampering that
 * did not fix up the digest) reads as absent, and the next line starts afresh. When a key occurs twice, the later
 * record wins. New records are buffered and appended with one write per {@link #FLUSH_BYTES}; the file is
 * indexed once, on first use, so a run does not see what it appends itself (it has that in hand).
 */
final class RecordLog {
    private static final int DIGEST_HEX = 64;
    private static final int FLUSH_BYTES = 1 << 20;
    /** A log larger than this is started afresh: it is a cache. */
    static final long MAX_BYTES = 1L << 30;
    /** Digest, space, and a key of at most 214 + 1 + 256 characters (name@version), space. */
    private static final int HEAD_BYTES = DIGEST_HEX + 1 + 471 + 1;
    private static final int SCAN_BYTES = 1 << 20;
    /**
     * No record holds more than an attestations response, bounded as it is when fetched: a longer line (one of
     * gigabytes, in a cache someone else wrote) is no record, so reading it cannot exhaust the heap.
     */
    static final long MAX_RECORD_BYTES = HEAD_BYTES + RegistryJson.ATTESTATIONS_LIMIT;
    /** Far more versions than any cache holds; past it a log of tiny hostile lines would fill the heap with keys. */
    static final int MAX_RECORDS = 1_000_000;

    private final Path file;
    /** The directory below which no component of the file's path may be a symbolic link. */
    private final Path base;
    private final long maxRecordBytes;
    private final int maxRecords;
    private RecordIndex index;
    /** The start of the line being indexed, where it began in an earlier chunk. */
    private final byte[] head = new byte[HEAD_BYTES];
    private FileChannel reader;
    private byte[] pending = new byte[0];
    private int pendingLength;

    RecordLog(Path file) {
        this(file.toAbsolutePath().getParent(), file);
    }

    /** A log at {@code file}, which is written only if nothing of its path below {@code base} is a link. */
    RecordLog(Path base, Path file) {
        this(base, file, MAX_RECORD_BYTES, MAX_RECORDS);
    }

    RecordLog(Path base, Path file, long maxRecordBytes, int maxRecords) {
        this.base = base.toAbsolutePath().normalize();
        this.file = file.toAbsolutePath().normalize();
        this.maxRecordBytes = maxRecordBytes;
        this.maxRecords = maxRecords;
    }

    /** The value stored under the key when the file was first read, if its record is intact. */
    Optional<byte[]> read(String key) {
        long[] span;
        FileChannel channel;
        synchronized (this) {
            load();
            span = index.get(key);
            channel = reader;
        }
        if (span == null) {
            return Optional.empty();
        }
        ByteBuffer line = ByteBuffer.allocate((int) (span[1] - span[0]));
        try {
            while (line.hasRemaining()) {
                // positional reads, not a mapping: a file truncated meanwhile just reads short
                if (channel.read(line, span[0] + line.position()) < 0) {
                    return Optional.empty();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return valueOf(line.array(), key);
    }

    /**
     * Stores the value; it reaches the file at the latest on {@link #flush()}. A value the file holds already under
     * the key is not appended again: what the cache does not serve (a version nothing signs, every version of a
     * registry without keys) is fetched and stored on every run, and would grow the log by as much each time.
     */
    void append(String key, byte[] value) throws IOException {
        if (key.indexOf(' ') >= 0 || key.indexOf('\n') >= 0 || indexOf(value, 0, value.length, (byte) '\n') >= 0) {
            throw new IllegalArgumentException("a record's key has no spaces and its value no line breaks");
        }
        if (read(key).filter(stored -> Arrays.equals(stored, value)).isPresent()) {
            return;
        }
        byte[] rest = concat(key.getBytes(StandardCharsets.UTF_8), (byte) ' ', value);
        byte[] record = concat(LocalStore.sha256(rest).getBytes(StandardCharsets.US_ASCII), (byte) ' ', rest);
        synchronized (this) {
            if (pendingLength + record.length + 1 > pending.length) {
                pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + record.length + 1));
            }
            System.arraycopy(record, 0, pending, pendingLength, record.length);
            pending[pendingLength + record.length] = '\n';
            pendingLength += record.length + 1;
            if (pendingLength >= FLUSH_BYTES) {
                flush();
            }
        }
    }

    /** Appends the buffered records to the file in one write. */
    synchronized void flush() throws IOException {
        if (pendingLength == 0) {
            return;
        }
        // a cache someone else wrote (a restored CI cache) may hold links: appending through one would write
        // wherever it points
        LocalStore.refuseLinks(base, file);
        Files.createDirectories(file.getParent());
        LocalStore.refuseLinks(base, file);
        LocalStore.refuseSpecialFile(file);
        if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
            // deleted, not truncated: a process reading it keeps reading the old file
            Files.delete(file);
        }
        boolean tornEnd = !endsWithNewline(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS)) {
            if (tornEnd) {
                // a torn last record must not swallow the first new one
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            }
            ByteBuffer buffer = ByteBuffer.wrap(pending, 0, pendingLength);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
        pendingLength = 0;
    }

    /** Whether the file is absent, empty or ends with a complete line. */
    private static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            return channel.size() == 0 || channel.read(last, channel.size() - 1) == 1 && last.get(0) == '\n';
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /** Stops reading the file; a later read starts over with what is on disk then. */
    synchronized void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        }
        reader = null;
        index = null;
    }

    /** Indexes every line by its key, reading the file once in large chunks. */
    private void load() {
        if (index != null) {
            return;
        }
        index = new RecordIndex();
        if (!Files.isRegularFile(file)) {
            // nothing cached yet; or something else in its place (a named pipe would block the open for good)
            return;
        }
        try {
            reader = FileChannel.open(file, StandardOpenOption.READ);
            long size = reader.size();
            if (size > MAX_BYTES) {
                return;
            }
            ByteBuffer chunk = ByteBuffer.allocate(SCAN_BYTES);
            long chunkStart = 0;
            long lineStart = 0;
            while (chunkStart < size) {
                chunk.clear();
                int read = reader.read(chunk, chunkStart);
                if (read <= 0) {
                    break;
                }
                for (int i = 0; i < read; i++) {
                    if (chunk.get(i) == '\n') {
                        indexLine(chunk, chunkStart, lineStart, chunkStart + i);
                        lineStart = chunkStart + i + 1;
                    }
                }
                chunkStart += read;
            }
            if (lineStart < chunkStart) {
                indexLine(chunk, chunkStart, lineStart, chunkStart);
            }
        } catch (NoSuchFileException e) {
            // nothing cached yet
        } catch (IOException e) {
            // an unreadable cache is an empty one
            index = new RecordIndex();
        }
    }

    /** Adds the line [start, end) under its key; its head is taken from the chunk, or read when it began before. */
    private void indexLine(ByteBuffer chunk, long chunkStart, long start, long end) throws IOException {
        if (end - start > maxRecordBytes || index.size() >= maxRecords) {
            // read as absent, and fetched again
            return;
        }
        int headLength = (int) Math.min(HEAD_BYTES, end - start);
        byte[] bytes;
        int from;
        if (start >= chunkStart) {
            bytes = chunk.array();
            from = (int) (start - chunkStart);
        } else {
            reader.read(ByteBuffer.wrap(head, 0, headLength), start);
            bytes = head;
            from = 0;
        }
        int keyEnd = headLength > DIGEST_HEX + 1 && bytes[from + DIGEST_HEX] == ' '
                ? indexOf(bytes, from + DIGEST_HEX + 1, from + headLength, (byte) ' ') : -1;
        if (keyEnd > from + DIGEST_HEX + 1) {
            index.put(bytes, from + DIGEST_HEX + 1, keyEnd, start, (int) (end - start));
        }
    }

    private static Optional<byte[]> valueOf(byte[] line, String key) {
        if (line.length <= DIGEST_HEX + 1 || line[DIGEST_HEX] != ' ') {
            return Optional.empty();
        }
        byte[] rest = Arrays.copyOfRange(line, DIGEST_HEX + 1, line.length);
        String digest = new String(line, 0, DIGEST_HEX, StandardCharsets.US_ASCII);
        byte[] prefix = (key + " ").getBytes(StandardCharsets.UTF_8);
        if (!digest.equals(LocalStore.sha256(rest)) || rest.length < prefix.length
                || !Arrays.equals(rest, 0, prefix.length, prefix, 0, prefix.length)) {
            return Optional.empty();
        }
        return Optional.of(Arrays.copyOfRange(rest, prefix.length, rest.length));
    }

    private static int indexOf(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] first, byte separator, byte[] second) {
        byte[] all = new byte[first.length + 1 + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        all[first.length] = separator;
        System.arraycopy(second, 0, all, first.length + 1, second.length);
        return all;
    }
}
