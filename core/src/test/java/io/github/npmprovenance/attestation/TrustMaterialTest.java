package io.github.npmprovenance.attestation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.attestation.TrustMaterial.TrustMaterialException;
import io.github.npmprovenance.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --trusted-root} and {@code --registry-keys}: a file that cannot serve is a usage error naming it, before
 * anything is verified, never a run in which every attested package comes out INVALID as if tampered with.
 */
class TrustMaterialTest {

    @Test
    void aRealTrustedRootIsAccepted(@TempDir Path dir) throws Exception {
        Path root = Files.write(dir.resolve("trusted_root.json"), Fixtures.bytes("trusted-root/trusted_root.json"));

        assertThat(TrustMaterial.of(Optional.of(root), Optional.empty()).transparencyLogs()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"trusted-root/npm-v1-keys.json", "trusted-root/npm-registry-keys.tuf-target.json"})
    void aJsonFileThatIsNoTrustedRootIsRefused(String other, @TempDir Path dir) throws Exception {
        // Sigstore's parser skips fields it does not know: these read as a root that trusts nothing
        Path file = Files.write(dir.resolve("root.json"), Fixtures.bytes(other));

        assertThatThrownBy(() -> TrustMaterial.of(Optional.of(file), Optional.empty()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageStartingWith(file + ": unusable Sigstore trusted root: it names no certificate authority");
    }

    @Test
    void aTrustedRootWithoutTransparencyLogsIsRefused(@TempDir Path dir) throws Exception {
        ObjectNode root = (ObjectNode) Fixtures.json("trusted-root/trusted_root.json").deepCopy();
        root.putArray("tlogs");
        Path file = Files.writeString(dir.resolve("root.json"), root.toString());

        assertThatThrownBy(() -> TrustMaterial.of(Optional.of(file), Optional.empty()))
                .isInstanceOf(TrustMaterialException.class)
                .hasMessageContaining("it names no transparency log (tlogs)");
    }

    @Test
    void aMissingOrUnreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> TrustMaterial.of(Optional.of(missing), Optional.empty()))
                .hasMessage("cannot read the trusted root " + missing + ": no such file");
        assertThatThrownBy(() -> TrustMaterial.of(Optional.empty(), Optional.of(missing)))
                .hasMessage("cannot read the registry keys file " + missing + ": no such file");
        assertThatThrownBy(() -> TrustMaterial.of(Optional.of(dir), Optional.empty()))
                .hasMessage("cannot read the trusted root " + dir + ": it is a directory");
    }

    @Test
    void anUnusableKeysFileIsNamed(@TempDir Path dir) throws Exception {
        Path keys = Files.writeString(dir.resolve("keys.json"), "{}");

        assertThatThrownBy(() -> TrustMaterial.of(Optional.empty(), Optional.of(keys)))
                .hasMessageStartingWith(keys + ": unusable registry keys file: ");
        // a registry's document is read key by key, as npm reads it; a file the user trusts is checked whole
        for (String entry : java.util.List.of("{\"keyid\": \"SHA256:a\", \"key\": \"AAAA\", \"expires\": null}",
                "{\"key\": \"no key id\"}", "{\"keyid\": \"SHA256:b\", \"expires\": \"never\", \"key\": \""
                        + "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEY6Ya7W++7aUPzvMTrezH6Ycx3c+HOKYCcNGybJZSCJq/fd7Qa8uuAKtd"
                        + "IkUQtQiEKERhAmE5lMMJhP8OkDOa2g==\"}")) {
            Files.writeString(keys, "{\"keys\": [" + entry + "]}");
            assertThatThrownBy(() -> TrustMaterial.of(Optional.empty(), Optional.of(keys))).as(entry)
                    .hasMessageStartingWith(keys + ": unusable registry keys file: the key ")
                    .hasMessageContaining(" is unreadable");
        }
    }
}
