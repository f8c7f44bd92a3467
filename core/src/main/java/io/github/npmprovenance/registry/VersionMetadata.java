package io.github.npmprovenance.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the registry says about one published version, and all the verifier needs from it.
 *
 * @param integrity {@code dist.integrity}, or a sha1 SRI derived from {@code dist.shasum} for very old versions
 * @param signatures {@code dist.signatures}
 * @param attestations {@code dist.attestations} as published ({@code url} and {@code provenance.predicateType})
 * @param publishTime {@code time[version]} of the packument
 */
public record VersionMetadata(
        String name,
        String version,
        Optional<String> integrity,
        List<RegistrySignature> signatures,
        Optional<JsonNode> attestations,
        Optional<Instant> publishTime) {

    public VersionMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(integrity, "integrity");
        signatures = List.copyOf(signatures);
        Objects.requireNonNull(attestations, "attestations");
        Objects.requireNonNull(publishTime, "publishTime");
    }
}
