package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.PackageNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An offline snapshot: registry data on disk, a file per version, to be read back by {@code --offline}.
 * Layout under the root:
 * <pre>
 * snapshot.json                                      {"layout":2}, the layout the rest is in
 * &lt;registry-id&gt;/keys.json                            the registry's keys ({"keys":[...]}, or {"keys":null})
 * &lt;registry-id&gt;/packages/&lt;name&gt;/&lt;version&gt;.json       {"name","version","dist":{...},"time":"..."}
 * &lt;registry-id&gt;/attestations/&lt;name&gt;/&lt;version&gt;.json   the attestations response, as served
 * </pre>
 * where {@code registry-id} is the registry's directory as the cache names it too
 * ({@link StoreNames#registryDirectory}: host, port and path with every other character, and each run of two or
 * more dots, replaced by {@code _} and trailing {@code _} dropped, then the start of the SHA-256 of the base URL),
 * and name and version are written as {@link StoreNames#fileName}
 * writes them: unchanged when all lower case, an upper-case letter as {@code !} and its lower-case form, and
 * {@code /} (any other character a file system might refuse or that could be read as an escape, too) as {@code %}
 * and two hex digits: {@code @scope%2fname}, {@code !j!s!o!n!stream}, {@code 1.0.0-!r!c1}. So no two names or
 * versions share a file on a case-insensitive file system; one longer than a file name may be is cut short
 * ({@link StoreNames#fileName(String, String)}). Every file starts with a line
 * {@code sha256:<hex of the rest>}; a file whose digest does not match is treated as absent, so a corrupt or
 * truncated entry is fetched again.
 *
 * <p>The layout changed once: snapshots written before {@code snapshot.json} named a registry's directory by its
 * readable id alone and kept a name's upper case. Read by these names, such a snapshot would seem to lack every
 * package; {@link #open} says instead that it must be recorded again.
 */
public final class LocalStore implements VersionStore {
    private static final String PREFIX = "sha256:";
    /** The layout this version writes and reads; layout 1, the first, had no marker. */
    static final int LAYOUT = 2;
    private static final String MARKER = "snapshot.json";

    private final Path root;

    private LocalStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A snapshot to record into: the directory, made when missing, is marked as holding this layout. */
    public static LocalStore create(Path root) throws IOException {
        LocalStore store = new LocalStore(root);
        store.writeVerified(store.root.resolve(MARKER),
                RegistryJson.MAPPER.writeValueAsBytes(RegistryJson.MAPPER.createObjectNode().put("layout", LAYOUT)));
        return store;
    }

    /** A snapshot to read; fails, saying what to do, unless the directory holds one in this layout. */
    public static LocalStore open(Path root) throws IOException {
        LocalStore store = new LocalStore(root);
        Path marker = store.root.resolve(MARKER);
        String recordAgain = "record it again with `npm-provenance snapshot`";
        if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS)) {
            if (readVerified(marker).filter(json -> json.path("layout").asInt() == LAYOUT).isEmpty()) {
                throw new IOException("the offline snapshot " + store.root + " is not in the layout this version of "
                        + "npm-provenance reads (" + MARKER + " does not say layout " + LAYOUT + "): " + recordAgain);
            }
            return store;
        }
        if (!Files.isDirectory(store.root)) {
            // a mistyped path is no snapshot of another kind: say what is wrong with it
            throw new IOException("the offline snapshot " + store.root + " is "
                    + (Files.exists(store.root) ? "not a directory" : "missing: no such directory"));
        }
        if (holdsLayoutOne(store.root)) {
            throw new IOException("the offline snapshot " + store.root + " was written in an older layout, which "
                    + "this version of npm-provenance does not read: " + recordAgain);
        }
        throw new IOException(store.root + " holds no offline snapshot (no " + MARKER + "): make one with "
                + "`npm-provenance snapshot`");
    }

    /** Whether a registry's directory of the first layout is there: its keys, packages or attestations. */
    private static boolean holdsLayoutOne(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.anyMatch(entry -> Files.exists(entry.resolve("keys.json"))
                    || Files.isDirectory(entry.resolve("packages"))
                    || Files.isDirectory(entry.resolve("attestations")));
        } catch (IOException e) {
            // no directory, or not one that can be read: nothing of a snapshot is there either
            return false;
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<VersionMetadata> readVersion(Registry registry, String name, String version) {
        return versionFile(registry, name, version).flatMap(LocalStore::readVerified)
                .flatMap(json -> StoredVersion.fromJson(name, version, json));
    }

    @Override
    public void writeVersion(Registry registry, VersionMetadata metadata) throws IOException {
        Optional<Path> file = versionFile(registry, metadata.name(), metadata.version());
        if (file.isPresent()) {
            writeVerified(file.get(), RegistryJson.MAPPER.writeValueAsBytes(StoredVersion.toJson(metadata)));
        }
    }

    /** The attestations response recorded for the version, as served. */
    public Optional<JsonNode> readAttestations(Registry registry, String name, String version) {
        return file(registry, "attestations", name, version).flatMap(LocalStore::readVerified)
                .filter(json -> json.path("attestations").isArray());
    }

    /** A snapshot is recorded whole, each response beside the version document it was served for. */
    @Override
    public Optional<JsonNode> readAttestations(Registry registry, String name, String version, String integrity) {
        return readAttestations(registry, name, version);
    }

    @Override
    public void writeAttestations(Registry registry, String name, String version, String integrity,
            JsonNode response) throws IOException {
        Optional<Path> file = file(registry, "attestations", name, version);
        if (file.isPresent()) {
            writeVerified(file.get(), RegistryJson.MAPPER.writeValueAsBytes(response));
        }
    }

    /**
     * Removes what the snapshot holds of a version (when recorded again, after the registry stopped listing it).
     * Nothing is deleted through a symbolic link: a directory linked elsewhere would lead the deletion there.
     */
    public void removeVersion(Registry registry, String name, String version) throws IOException {
        for (String kind : new String[] {"packages", "attestations"}) {
            Optional<Path> file = file(registry, kind, name, version);
            if (file.isPresent()) {
                refuseLinks(root, file.get());
                Files.deleteIfExists(file.get());
            }
        }
    }

    /** Removes the attestations the snapshot holds of a version (when they could not be recorded again). */
    public void removeAttestations(Registry registry, String name, String version) throws IOException {
        Optional<Path> file = file(registry, "attestations", name, version);
        if (file.isPresent()) {
            refuseLinks(root, file.get());
            Files.deleteIfExists(file.get());
        }
    }

    /** Removes the registry's keys from the snapshot (when they could not be recorded again). */
    public void removeKeys(Registry registry) throws IOException {
        Path file = keysFile(registry);
        refuseLinks(root, file);
        Files.deleteIfExists(file);
    }

    /** Whether anything was recorded from the registry: its directory is there. */
    public boolean holdsRegistry(Registry registry) {
        return Files.isDirectory(root.resolve(StoreNames.registryDirectory(registry)));
    }

    /** Empty when nothing is stored; a stored "no keys" answer is {@code Optional.of(Optional.empty())}. */
    public Optional<Optional<RegistryKeys>> readKeys(Registry registry) {
        return readVerified(keysFile(registry)).flatMap(json -> {
            if (json.path("keys").isNull()) {
                return Optional.of(Optional.empty());
            }
            try {
                return Optional.of(Optional.of(RegistryKeys.parse(RegistryJson.MAPPER.writeValueAsBytes(json))));
            } catch (IOException | RegistryException e) {
                return Optional.empty();
            }
        });
    }

    public void writeKeys(Registry registry, Optional<RegistryKeys> keys) throws IOException {
        ObjectNode json = RegistryJson.MAPPER.createObjectNode();
        if (keys.isEmpty()) {
            json.putNull("keys");
        } else {
            ArrayNode array = json.putArray("keys");
            for (RegistryKey key : keys.get().keys()) {
                ObjectNode entry = array.addObject();
                if (key.expires().isPresent()) {
                    entry.put("expires", key.expires().get().toString());
                } else {
                    entry.putNull("expires");
                }
                entry.put("keyid", key.keyId()).put("keytype", key.keyType()).put("scheme", key.scheme())
                        .put("key", key.encoded());
                // the endpoint's shape has no usage or start: snapshots record only what the endpoint served
            }
        }
        writeVerified(keysFile(registry), RegistryJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
    }

    private Path keysFile(Registry registry) {
        return root.resolve(StoreNames.registryDirectory(registry)).resolve("keys.json");
    }

    /** Empty for names and versions that could escape the store (they are rejected before any request too). */
    private Optional<Path> versionFile(Registry registry, String name, String version) {
        return file(registry, "packages", name, version);
    }

    private Optional<Path> file(Registry registry, String kind, String name, String version) {
        if (!PackageNames.isValidName(name) || !PackageNames.isValidVersion(version)) {
            return Optional.empty();
        }
        Path file = root.resolve(StoreNames.registryDirectory(registry)).resolve(kind)
                .resolve(StoreNames.fileName(name, "")).resolve(StoreNames.fileName(version, ".json")).normalize();
        return file.startsWith(root) ? Optional.of(file) : Optional.empty();
    }

    private static Optional<JsonNode> readVerified(Path file) {
        byte[] bytes;
        if (!Files.isRegularFile(file)) {
            // absent, or something else in its place: a named pipe would block the read for good
            return Optional.empty();
        }
        try {
            // no entry holds more than an attestations response, bounded as it is when fetched: a larger file (or a
            // link to one: /proc/kcore, a sparse file) is no entry, and read whole it would exhaust the heap
            Optional<byte[]> bounded = BoundedFiles.read(file, (int) RegistryJson.ATTESTATIONS_LIMIT + 1024);
            if (bounded.isEmpty()) {
                return Optional.empty();
            }
            bytes = bounded.get();
        } catch (IOException e) {
            return Optional.empty();
        }
        int newline = indexOf(bytes, (byte) '\n');
        if (newline < 0) {
            return Optional.empty();
        }
        String header = new String(bytes, 0, newline, StandardCharsets.US_ASCII);
        byte[] body = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
        if (!header.equals(PREFIX + sha256(body))) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(RegistryJson.STORED.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Written in place, not through a temporary file and a rename: the checksum line already makes a torn or
     * concurrent write read as absent (and fetched again), and on thousands of versions the extra file-system
     * operations cost seconds.
     */
    private void writeVerified(Path file, byte[] body) throws IOException {
        Path directory = file.getParent();
        // a snapshot directory kept in a checkout may hold links a pull request committed
        refuseLinks(root, file);
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
            refuseLinks(root, file);
        }
        refuseSpecialFile(file);
        byte[] header = (PREFIX + sha256(body) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        Files.write(file, all, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < Math.min(bytes.length, 128); i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Fails when a component of the file's path below {@code base} is a symbolic link. A cache or snapshot
     * directory may have been written by someone else (a restored CI cache, a snapshot kept in a checkout), and a
     * link in it must not lead a write to wherever it points.
     */
    static void refuseLinks(Path base, Path file) throws IOException {
        Path current = base;
        for (Path part : base.relativize(file)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new IOException(current + " is a symbolic link; not writing through it");
            }
        }
    }

    /** Fails when something other than a regular file (a named pipe, a device) is at the path. */
    static void refuseSpecialFile(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file; not writing to it");
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
