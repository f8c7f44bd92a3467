package io.github.npmprovenance.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An append-only file of records, one per line: {@code <sha256 of the rest, hex> <key> <value>}, where the key
 * has no spaces and the value no line breaks (compact JSON). One file instead of one per entry, because creating,
 * opening and looking up thousands of small files cost seconds on a cold run and most of a warm one.
 *
 * <p>A record whose digest does not match (a torn write, concurrent appends from two processes, tampering that
 * did not fix up the digest) reads as absent, and the next line starts afresh. When a key occurs twice, the later
 * record wins. New records are buffered and appended with one write per {@link #FLUSH_BYTES}; the file is read
 * once, memory-mapped, on first use, so a run does not see what it appends itself (it has that in hand).
 */
final class RecordLog {
    private static final int DIGEST_HEX = 64;
    private static final int FLUSH_BYTES = 1 << 20;
    /** A log larger than this is started afresh: it is a cache, and a mapping is limited to 2 GiB. */
    static final long MAX_BYTES = 1L << 30;

    private final Path file;
    private Map<String, long[]> index;
    private MappedByteBuffer mapped;
    private byte[] pending = new byte[0];
    private int pendingLength;

    RecordLog(Path file) {
        this.file = file;
    }

    /** The value stored under the key when the file was first read, if its record is intact. */
    Optional<byte[]> read(String key) {
        long[] span;
        MappedByteBuffer bytes;
        synchronized (this) {
            load();
            span = index.get(key);
            bytes = mapped;
        }
        if (span == null) {
            return Optional.empty();
        }
        byte[] line = new byte[(int) (span[1] - span[0])];
        bytes.get((int) span[0], line);
        return valueOf(line, key);
    }

    /** Stores the value; it reaches the file at the latest on {@link #flush()}. */
    void append(String key, byte[] value) throws IOException {
        if (key.indexOf(' ') >= 0 || key.indexOf('\n') >= 0 || indexOf(value, 0, value.length, (byte) '\n') >= 0) {
            throw new IllegalArgumentException("a record's key has no spaces and its value no line breaks");
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
        Files.createDirectories(file.getParent());
        if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
            // deleted, not truncated: a process that has it mapped keeps reading the old file
            Files.delete(file);
        }
        boolean tornEnd = !endsWithNewline(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
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

    private void load() {
        if (index != null) {
            return;
        }
        index = new HashMap<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0 || size > MAX_BYTES) {
                return;
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            // an unreadable cache is an empty one
            return;
        }
        int size = mapped.capacity();
        byte[] chunk = new byte[DIGEST_HEX + 2 + 256];
        int start = 0;
        while (start < size) {
            int end = newlineFrom(start, size);
            int head = Math.min(chunk.length, end - start);
            mapped.get(start, chunk, 0, head);
            int keyEnd = head > DIGEST_HEX + 1 && chunk[DIGEST_HEX] == ' '
                    ? indexOf(chunk, DIGEST_HEX + 1, head, (byte) ' ') : -1;
            if (keyEnd > DIGEST_HEX + 1) {
                String key = new String(chunk, DIGEST_HEX + 1, keyEnd - DIGEST_HEX - 1, StandardCharsets.UTF_8);
                index.put(key, new long[] {start, end});
            }
            start = end + 1;
        }
    }

    private int newlineFrom(int from, int size) {
        for (int i = from; i < size; i++) {
            if (mapped.get(i) == '\n') {
                return i;
            }
        }
        return size;
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
