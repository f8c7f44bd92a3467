package io.github.npmprovenance.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers signatures that verified, keyed by the SHA-256 of key, message and signature together, so a warm
 * run does not redo ECDSA work whose inputs have not changed. Only successes are remembered: a failure is
 * always recomputed, and any change to key, message or signature is a different entry.
 */
public final class SignatureMemo {
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> added = ConcurrentHashMap.newKeySet();
    private final Path file;

    private SignatureMemo(Path file) {
        this.file = file;
    }

    public static SignatureMemo none() {
        return new SignatureMemo(null);
    }

    /** Loads a memo file (one hex digest per line); an unreadable file starts an empty memo. */
    public static SignatureMemo load(Path file) {
        SignatureMemo memo = new SignatureMemo(file);
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    if (line.length() == 64) {
                        memo.known.add(line);
                    }
                }
            }
        } catch (IOException e) {
            memo.known.clear();
        }
        return memo;
    }

    boolean isKnownValid(String key) {
        return known.contains(key);
    }

    void recordValid(String key) {
        if (known.add(key)) {
            added.add(key);
        }
    }

    /** Appends what this run learned. */
    public void save() throws IOException {
        if (file == null || added.isEmpty()) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", added) + "\n", StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        added.clear();
    }

    static String keyOf(String encodedKey, byte[] message, byte[] signature) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encodedKey.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) 0);
            sha.update(message);
            sha.update((byte) 0);
            sha.update(signature);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
