package io.github.npmprovenance.cli;

import io.github.npmprovenance.attestation.TrustMaterial;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where trust comes from: embedded by default, replaceable for air-gapped or private setups. */
final class TrustOptions {
    @Option(names = "--trusted-root", paramLabel = "FILE",
            description = "Sigstore trusted_root.json to verify attestations against, instead of the embedded public-good root.")
    Path trustedRoot;

    @Option(names = "--registry-keys", paramLabel = "FILE",
            description = "Registry keys (the registry's TUF keys.json, or a /-/npm/v1/keys response) instead of the "
                    + "embedded public npm keys: used for publish attestations and as the keys the default registry must serve.")
    Path registryKeys;

    TrustMaterial load() throws TrustMaterial.TrustMaterialException {
        if (trustedRoot == null && registryKeys == null) {
            return TrustMaterial.embedded();
        }
        return TrustMaterial.of(Optional.ofNullable(trustedRoot), Optional.ofNullable(registryKeys));
    }
}
