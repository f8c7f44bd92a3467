package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;

/**
 * Registry data kept on disk for published versions, which never changes: an offline snapshot
 * ({@link LocalStore}) or the cache ({@link RegistryCache}). Reads answer empty for anything absent, corrupt or
 * not for the asked name and version; the caller then fetches it again.
 */
public interface VersionStore {

    Optional<VersionMetadata> readVersion(Registry registry, String name, String version);

    void writeVersion(Registry registry, VersionMetadata metadata) throws IOException;

    Optional<JsonNode> readAttestations(Registry registry, String name, String version);

    void writeAttestations(Registry registry, String name, String version, JsonNode response) throws IOException;
}
