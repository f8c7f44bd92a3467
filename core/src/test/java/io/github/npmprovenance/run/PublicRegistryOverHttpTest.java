package io.github.npmprovenance.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingProxy;
import io.github.npmprovenance.testing.TestLockfile;
import io.github.npmprovenance.testing.Verification;
import io.github.npmprovenance.verify.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code registry=http://registry.npmjs.org/} is the public registry over plain HTTP: whoever is on the way (here a
 * real forwarding proxy on 127.0.0.1 that answers for registry.npmjs.org with the fixtures, as a MITM would) can
 * answer anything. npm holds it to the public registry's keys all the same (its TUF target is
 * {@code registry.npmjs.org/keys.json}, by host and path, whatever the scheme); so must we.
 */
class PublicRegistryOverHttpTest {
    private static final String PUBLIC_OVER_HTTP = "http://registry.npmjs.org/";
    /** What the man in the middle serves in place of tuf-js 1.0.0's real tarball. */
    private static final String TAMPERED = "sha512-" + Base64.getEncoder().encodeToString(sha512("tampered"));

    @TempDir
    Path dir;

    private FixtureRegistry registry;
    private ForwardingProxy middle;

    @BeforeEach
    void start() {
        registry = FixtureRegistry.start();
        middle = ForwardingProxy.start(Map.of("registry.npmjs.org", "127.0.0.1:" + registry.url().getPort()),
                Optional.empty());
        new TestLockfile().add("sigstore", "1.0.0").add("tuf-js", "1.0.0", TAMPERED).writeTo(dir.resolve("project"));
        // the tampered version as the man in the middle serves it: its integrity, no signature, no provenance
        ObjectNode dist = (ObjectNode) registry.version("tuf-js", "1.0.0").path("dist");
        dist.put("integrity", TAMPERED);
        dist.remove("attestations");
    }

    @AfterEach
    void stop() throws Exception {
        middle.close();
        registry.close();
    }

    private PackageReport run(String packageId) throws RunException {
        RunOutcome outcome = VerificationRun.execute(RunOptions.of(dir.resolve("project"))
                .withEnvironment(Map.of("HTTP_PROXY", middle.url())::get)
                .withUserNpmrc(Optional.of(dir.resolve("user.npmrc")))
                .withRegistry(Optional.of(PUBLIC_OVER_HTTP))
                .withNetwork(2, Verification.FAST));
        assertThat(middle.requests()).extracting(ForwardingProxy.Request::target)
                .contains(PUBLIC_OVER_HTTP + "-/npm/v1/keys", PUBLIC_OVER_HTTP + "tuf-js");
        return outcome.report().packages().stream().filter(p -> p.id().equals(packageId)).findFirst().orElseThrow();
    }

    @Test
    void keysTheMiddleWithholdsAreMissingNotAbsent() throws Exception {
        registry.removeKeys();
        ((ObjectNode) registry.version("tuf-js", "1.0.0").path("dist")).remove("signatures");

        PackageReport tufJs = run("tuf-js@1.0.0");

        // before: SKIPPED "registry publishes no signing keys", and the run passed
        assertThat(tufJs.status()).isEqualTo(Status.ERROR);
        assertThat(tufJs.passed()).isFalse();
        assertThat(tufJs.code()).isEqualTo("REGISTRY_KEYS_MISSING");
    }

    @Test
    void aKeyTheMiddleAddsSignsNothing() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair own = generator.generateKeyPair();
        String keyId = "SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(own.getPublic().getEncoded()));
        ((com.fasterxml.jackson.databind.node.ArrayNode) registry.keys().path("keys")).addObject()
                .put("expires", (String) null).put("keyid", keyId).put("keytype", "ecdsa-sha2-nistp256")
                .put("scheme", "ecdsa-sha2-nistp256")
                .put("key", Base64.getEncoder().encodeToString(own.getPublic().getEncoded()));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(own.getPrivate());
        signer.update(("tuf-js@1.0.0:" + TAMPERED).getBytes(StandardCharsets.UTF_8));
        ObjectNode dist = (ObjectNode) registry.version("tuf-js", "1.0.0").path("dist");
        dist.putArray("signatures").addObject().put("keyid", keyId)
                .put("sig", Base64.getEncoder().encodeToString(signer.sign()));

        PackageReport tufJs = run("tuf-js@1.0.0");

        // before: SIGNED, "registry signature verified" by the key the middle served
        assertThat(tufJs.status()).isEqualTo(Status.INVALID);
        assertThat(tufJs.code()).isEqualTo("UNKNOWN_KEY");
        // the genuine ones still verify against the embedded keys the middle served unchanged
        assertThat(run("sigstore@1.0.0").status()).isEqualTo(Status.VERIFIED);
    }

    private static byte[] sha512(String text) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
