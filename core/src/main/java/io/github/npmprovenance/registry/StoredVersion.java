package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * A version's metadata as stored on disk: {@code {"name","version","dist":{integrity,signatures,attestations},
 * "time"}}, the part of a packument that a published version never changes.
 */
final class StoredVersion {
    private StoredVersion() {
    }

    static ObjectNode toJson(VersionMetadata metadata) {
        ObjectNode json = RegistryJson.MAPPER.createObjectNode();
        json.put("name", metadata.name());
        json.put("version", metadata.version());
        ObjectNode dist = json.putObject("dist");
        metadata.integrity().ifPresent(i -> dist.put("integrity", i));
        ArrayNode signatures = dist.putArray("signatures");
        for (RegistrySignature signature : metadata.signatures()) {
            signatures.addObject().put("keyid", signature.keyId()).put("sig", signature.signature());
        }
        metadata.attestations().ifPresent(a -> dist.set("attestations", a));
        metadata.publishTime().ifPresent(t -> json.put("time", t.toString()));
        return json;
    }

    /** Empty when the stored document is for another name or version, or malformed. */
    static Optional<VersionMetadata> fromJson(String name, String version, JsonNode json) {
        try {
            if (!name.equals(json.path("name").asText()) || !version.equals(json.path("version").asText())) {
                return Optional.empty();
            }
            JsonNode time = json.get("time");
            return Optional.of(PackumentReader.toMetadata(name, version, json.path("dist"),
                    time == null || time.isNull() ? Optional.empty() : Optional.of(PublishTimes.parse(time.asText()))));
        } catch (RegistryException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
