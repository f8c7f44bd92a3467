package io.github.npmprovenance.registry;

import java.nio.charset.StandardCharsets;

/**
 * Where the record of each key lies in a {@link RecordLog}: a table of 64-bit hashes of the keys and the records'
 * spans, in flat arrays. A log someone else wrote (a restored CI cache) may hold a million keys of hundreds of bytes
 * each: as strings in a map they filled over 500 MB of heap, and a run out of memory in the HTTP client's selector
 * thread waited for its answers for ever; here each key takes 40 to 80 bytes (the table is a quarter to half
 * full), whatever its length.
 *
 * <p>Keys that share a hash share a slot, the later record taking it: the reader checks the key its line names, so
 * the other key reads as absent and is fetched again, as for any record the log does not hold. A key whose probe
 * sequence finds no slot within {@link #MAX_PROBES} (keys made to collide) is not indexed, for the same outcome,
 * so a hostile log costs at most that many probes per line.
 */
final class RecordIndex {
    private static final int MAX_PROBES = 64;
    private static final int INITIAL_CAPACITY = 1 << 10;

    /** 0 for an empty slot; no key hashes to 0. */
    private long[] hashes = new long[INITIAL_CAPACITY];
    private long[] starts = new long[INITIAL_CAPACITY];
    private int[] lengths = new int[INITIAL_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    /** Indexes the record at [start, start + length) under the key held by {@code bytes[from, to)}. */
    void put(byte[] bytes, int from, int to, long start, int length) {
        if (size + 1 > hashes.length / 2) {
            grow();
        }
        insert(hash(bytes, from, to), start, length);
    }

    /** The span {start, end} of the key's record, or null. */
    long[] get(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        long hash = hash(bytes, 0, bytes.length);
        int mask = hashes.length - 1;
        for (int probe = 0, slot = (int) hash & mask; probe < MAX_PROBES; probe++, slot = (slot + 1) & mask) {
            if (hashes[slot] == hash) {
                return new long[] {starts[slot], starts[slot] + lengths[slot]};
            }
            if (hashes[slot] == 0) {
                return null;
            }
        }
        return null;
    }

    private void insert(long hash, long start, int length) {
        int mask = hashes.length - 1;
        for (int probe = 0, slot = (int) hash & mask; probe < MAX_PROBES; probe++, slot = (slot + 1) & mask) {
            if (hashes[slot] == 0 || hashes[slot] == hash) {
                if (hashes[slot] == 0) {
                    size++;
                }
                hashes[slot] = hash;
                starts[slot] = start;
                lengths[slot] = length;
                return;
            }
        }
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[] oldStarts = starts;
        int[] oldLengths = lengths;
        hashes = new long[oldHashes.length * 2];
        starts = new long[oldHashes.length * 2];
        lengths = new int[oldHashes.length * 2];
        size = 0;
        for (int i = 0; i < oldHashes.length; i++) {
            if (oldHashes[i] != 0) {
                insert(oldHashes[i], oldStarts[i], oldLengths[i]);
            }
        }
    }

    /** FNV-1a, its bits then spread (MurmurHash3's finalizer): the slot is taken from the low bits. */
    static long hash(byte[] bytes, int from, int to) {
        long hash = 0xcbf29ce484222325L;
        for (int i = from; i < to; i++) {
            hash = (hash ^ (bytes[i] & 0xff)) * 0x100000001b3L;
        }
        hash = (hash ^ (hash >>> 33)) * 0xff51afd7ed558ccdL;
        hash = (hash ^ (hash >>> 33)) * 0xc4ceb9fe1a85ec53L;
        hash ^= hash >>> 33;
        return hash == 0 ? 1 : hash;
    }
}
