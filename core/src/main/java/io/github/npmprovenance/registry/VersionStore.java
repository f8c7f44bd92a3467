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

    /**
     * The attestations response stored for the version whose document has this integrity: a version published anew
     * has another tarball, whose attestations those of the first are not.
     */
    Optional<JsonNode> readAttestations(Registry registry, String name, String version, String integrity);

    void writeAttestations(Registry registry, String name, String version, String integrity, JsonNode response)
            throws IOException;
}
