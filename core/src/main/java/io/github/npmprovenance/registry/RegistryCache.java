package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.PackageNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The on-disk cache of published versions' registry data, per registry two {@link RecordLog}s:
 * <pre>
 * &lt;registry-id&gt;/versions.log       name@version → {"name","version","dist":{...},"time":"..."}
 * &lt;registry-id&gt;/attestations.log   name@version → {"integrity": the version document's, "response": as served}
 * </pre>
 * where {@code registry-id} is the registry's directory as a snapshot names it too
 * ({@link StoreNames#registryDirectory}: readable id, then the start of the SHA-256 of the base URL). What is stored
 * reaches the disk on {@link #save()}.
 */
public final class RegistryCache implements VersionStore {

    private final Path root;
    private final Map<String, RecordLog> logs = new ConcurrentHashMap<>();

    public RegistryCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<VersionMetadata> readVersion(Registry registry, String name, String version) {
        return read(registry, "versions", name, version).flatMap(json -> StoredVersion.fromJson(name, version, json));
    }

    @Override
    public void writeVersion(Registry registry, VersionMetadata metadata) throws IOException {
        write(registry, "versions", metadata.name(), metadata.version(), StoredVersion.toJson(metadata));
    }

    @Override
    public Optional<JsonNode> readAttestations(Registry registry, String name, String version, String integrity) {
        return read(registry, "attestations", name, version)
                .filter(json -> integrity.equals(json.path("integrity").textValue()))
                .map(json -> json.path("response")).filter(response -> response.path("attestations").isArray());
    }

    @Override
    public void writeAttestations(Registry registry, String name, String version, String integrity,
            JsonNode response) throws IOException {
        ObjectNode stored = RegistryJson.MAPPER.createObjectNode().put("integrity", integrity);
        stored.set("response", response);
        write(registry, "attestations", name, version, stored);
    }

    /** Writes what this run stored, and lets go of the files (an agent's JVM outlives many runs). */
    public void save() throws IOException {
        IOException failure = null;
        for (RecordLog log : logs.values()) {
            try {
                log.flush();
            } catch (IOException e) {
                failure = e;
            } finally {
                log.close();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private Optional<JsonNode> read(Registry registry, String kind, String name, String version) {
        if (!PackageNames.isValidName(name) || !PackageNames.isValidVersion(version)) {
            return Optional.empty();
        }
        return log(registry, kind).read(name + "@" + version).flatMap(bytes -> {
            try {
                return Optional.ofNullable(RegistryJson.STORED.readTree(bytes));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private void write(Registry registry, String kind, String name, String version, JsonNode json)
            throws IOException {
        // names and versions that could not be requested are not stored either
        if (PackageNames.isValidName(name) && PackageNames.isValidVersion(version)) {
            log(registry, kind).append(name + "@" + version, RegistryJson.MAPPER.writeValueAsBytes(json));
        }
    }

    private RecordLog log(Registry registry, String kind) {
        return logs.computeIfAbsent(kind + " " + registry.baseUri(),
                k -> new RecordLog(linkFreeBelow(),
                        root.resolve(StoreNames.registryDirectory(registry)).resolve(kind + ".log")));
    }

    /** The configured cache directory: neither this root (its {@code registry}) nor anything below may be a link. */
    private Path linkFreeBelow() {
        return root.getParent() != null ? root.getParent() : root;
    }
}
