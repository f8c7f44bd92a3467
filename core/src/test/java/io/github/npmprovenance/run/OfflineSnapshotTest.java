package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.lockfile.LockfileReader;
import io.github.npmprovenance.registry.CachingRegistrySource;
import io.github.npmprovenance.registry.LocalStore;
import io.github.npmprovenance.registry.Registry;
import io.github.npmprovenance.registry.RegistryConfig;
import io.github.npmprovenance.registry.RegistrySource;
import io.github.npmprovenance.registry.StoreNames;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingRegistrySource;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.ProgressListener;
import io.github.npmprovenance.verify.Status;
import io.github.npmprovenance.verify.Verifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code verify --offline}: a snapshot is read as someone else may have written it. */
class OfflineSnapshotTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** Records the fixtures' sigstore@1.0.0 as the public registry's, as {@code snapshot} would. */
    private Path recordPublicSnapshot() throws Exception {
        Path snapshot = dir.resolve("snapshot");
        try (FixtureRegistry recorded = FixtureRegistry.start()) {
            RegistrySource asPublic = new ForwardingRegistrySource(Verification.http(),
                    Optional.of(new Registry(recorded.url(), Optional.empty())));
            Path project = new TestLockfile().add("sigstore", "1.0.0").writeTo(dir.resolve("recorded"));
            new Verifier(RegistryConfig.of(new Registry(Registry.PUBLIC_NPM, Optional.empty())),
                    CachingRegistrySource.recording(LocalStore.create(snapshot), asPublic), Verification.settings(),
                    ProgressListener.NONE).verify(new LockfileReader().read(project));
        }
        return snapshot;
    }

    private static void writeWithDigest(Path file, byte[] body) throws Exception {
        byte[] header = ("sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))
                + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(body, 0, all, header.length, body.length);
        Files.write(file, all);
    }

    private static ObjectNode readWithoutDigest(Path file) throws Exception {
        String text = Files.readString(file);
        return (ObjectNode) MAPPER.readTree(text.substring(text.indexOf('\n') + 1));
    }

    private PackageReport verifyOffline(Path snapshot, TestLockfile lockfile) throws Exception {
        Path project = lockfile.writeTo(dir.resolve("project")).getParent();
        RunOptions options = RunOptions.of(project).withRegistry(Optional.of("https://registry.npmjs.org/"))
                .withUserNpmrc(Optional.of(dir.resolve("no-user-npmrc")))
                .withStorage(Optional.empty(), Optional.of(snapshot), Optional.empty());
        return VerificationRun.execute(options).report().packages().stream()
                .filter(p -> p.id().equals("sigstore@1.0.0")).findFirst().orElseThrow();
    }

    @Test
    void aKeyAddedToThePublicRegistrysKeysInASnapshotSignsNothing() throws Exception {
        Path snapshot = recordPublicSnapshot();
        Path registryDir = snapshot.resolve(
                StoreNames.registryDirectory(new Registry(Registry.PUBLIC_NPM, Optional.empty())));
        assertThat(verifyOffline(snapshot, new TestLockfile().add("sigstore", "1.0.0")).status())
                .isEqualTo(Status.VERIFIED);

        // whoever wrote the snapshot adds a key of theirs and signs a tarball of theirs with it
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair attacker = generator.generateKeyPair();
        byte[] tarball = new byte[64];
        new java.util.Random(7).nextBytes(tarball);
        String forged = "sha512-" + Base64.getEncoder().encodeToString(tarball);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(attacker.getPrivate());
        signer.update(("sigstore@1.0.0:" + forged).getBytes(StandardCharsets.UTF_8));
        String keyId = "SHA256:attacker";

        ObjectNode keys = readWithoutDigest(registryDir.resolve("keys.json"));
        ((ArrayNode) keys.get("keys")).addObject().putNull("expires").put("keyid", keyId)
                .put("keytype", "ecdsa-sha2-nistp256").put("scheme", "ecdsa-sha2-nistp256")
                .put("key", Base64.getEncoder().encodeToString(attacker.getPublic().getEncoded()));
        writeWithDigest(registryDir.resolve("keys.json"), MAPPER.writeValueAsBytes(keys));
        Path entry = registryDir.resolve("packages/sigstore/1.0.0.json");
        ObjectNode version = readWithoutDigest(entry);
        ObjectNode dist = (ObjectNode) version.get("dist");
        dist.put("integrity", forged).remove("attestations");
        dist.putArray("signatures").addObject().put("keyid", keyId)
                .put("sig", Base64.getEncoder().encodeToString(signer.sign()));
        writeWithDigest(entry, MAPPER.writeValueAsBytes(version));

        PackageReport report = verifyOffline(snapshot, new TestLockfile().add("sigstore", "1.0.0", forged));

        assertThat(report.status()).isEqualTo(Status.INVALID);
        assertThat(report.failureCode()).isEqualTo("UNKNOWN_KEY");
    }

    @Test
    void aSnapshotEntryOfMoreTokensThanAnyRegistryDocumentIsNotRead() throws Exception {
        // 32 MiB of [[],[],…] would be millions of nodes: an entry is read within the bounds of a fetched document
        Path snapshot = recordPublicSnapshot();
        Path entry = snapshot.resolve(StoreNames.registryDirectory(new Registry(Registry.PUBLIC_NPM, Optional.empty())))
                .resolve("packages/sigstore/1.0.0.json");
        ObjectNode version = readWithoutDigest(entry);
        ArrayNode padding = version.putArray("padding");
        for (int i = 0; i < 60_000; i++) {
            padding.addArray();
        }
        writeWithDigest(entry, MAPPER.writeValueAsBytes(version));

        PackageReport report = verifyOffline(snapshot, new TestLockfile().add("sigstore", "1.0.0"));

        assertThat(report.status()).isEqualTo(Status.ERROR);
        assertThat(report.explanation()).contains("snapshot");
    }
}
