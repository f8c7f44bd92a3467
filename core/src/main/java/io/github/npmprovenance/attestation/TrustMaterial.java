package io.github.npmprovenance.attestation;

import dev.sigstore.fulcio.client.FulcioVerifier;
import dev.sigstore.rekor.client.RekorVerifier;
import dev.sigstore.trustroot.SigstoreConfigurationException;
import dev.sigstore.trustroot.SigstoreTrustedRoot;
import dev.sigstore.trustroot.TransparencyLog;
import io.github.npmprovenance.registry.RegistryException;
import io.github.npmprovenance.registry.RegistryKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * What attestations are verified against, all local: the Sigstore trusted root (Fulcio CAs, CT logs, Rekor logs)
 * and the registry's keys for publish attestations. Built once per run; no network, no TUF client.
 */
public final class TrustMaterial {
    private static final String EMBEDDED_ROOT = "trusted_root.json";

    private final byte[] trustedRootJson;
    private final RegistryKeys registryKeys;
    private volatile Verifiers verifiers;

    /** The parsed root and the verifiers built from it; costly (Bouncy Castle, protobuf), so built on first use. */
    private record Verifiers(SigstoreTrustedRoot root, FulcioVerifier fulcio, RekorVerifier rekor) {
    }

    private TrustMaterial(byte[] trustedRootJson, RegistryKeys registryKeys) {
        this.trustedRootJson = trustedRootJson.clone();
        this.registryKeys = registryKeys;
    }

    private Verifiers verifiers() {
        Verifiers built = verifiers;
        if (built == null) {
            synchronized (this) {
                built = verifiers;
                if (built == null) {
                    try {
                        built = parse(trustedRootJson);
                    } catch (TrustMaterialException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    verifiers = built;
                }
            }
        }
        return built;
    }

    private static Verifiers parse(byte[] json) throws TrustMaterialException {
        try {
            SigstoreTrustedRoot root = SigstoreTrustedRoot.from(new ByteArrayInputStream(json));
            // the parser skips fields it does not know, so any JSON object (a keys.json, a lockfile) reads as a root
            // trusting nothing, under which every attestation would be INVALID as if tampered with
            if (root.getCAs().isEmpty() || root.getTLogs().isEmpty()) {
                throw new TrustMaterialException("unusable Sigstore trusted root: it names no "
                        + (root.getCAs().isEmpty() ? "certificate authority (certificateAuthorities)"
                                : "transparency log (tlogs)")
                        + ", so no attestation could verify; is it a trusted_root.json?", null);
            }
            return new Verifiers(root, FulcioVerifier.newFulcioVerifier(root), RekorVerifier.newRekorVerifier(root));
        } catch (SigstoreConfigurationException | GeneralSecurityException | RuntimeException e) {
            throw new TrustMaterialException("unusable Sigstore trusted root: " + e.getMessage(), e);
        }
    }

    /** The trusted root and public npm registry keys embedded in this jar. */
    public static TrustMaterial embedded() {
        try (InputStream in = TrustMaterial.class.getResourceAsStream(EMBEDDED_ROOT)) {
            if (in == null) {
                throw new IllegalStateException("embedded " + EMBEDDED_ROOT + " is missing from the jar");
            }
            return new TrustMaterial(in.readAllBytes(), RegistryKeys.embeddedPublicNpm());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces either part of the embedded material (an empty path keeps the embedded part). */
    public static TrustMaterial of(java.util.Optional<Path> trustedRoot, java.util.Optional<Path> registryKeys)
            throws TrustMaterialException {
        try {
            byte[] root;
            if (trustedRoot.isPresent()) {
                root = read(trustedRoot.get(), "trusted root");
            } else {
                try (InputStream in = TrustMaterial.class.getResourceAsStream(EMBEDDED_ROOT)) {
                    root = in.readAllBytes();
                }
            }
            RegistryKeys keys = registryKeys.isPresent()
                    ? RegistryKeys.parseTrusted(read(registryKeys.get(), "registry keys file"))
                    : RegistryKeys.embeddedPublicNpm();
            if (trustedRoot.isPresent()) {
                // a replacement root is checked now, so a bad file is a usage error, not a failure per package
                try {
                    parse(root);
                } catch (TrustMaterialException e) {
                    throw new TrustMaterialException(trustedRoot.get() + ": " + e.getMessage(), e);
                }
            }
            return new TrustMaterial(root, keys);
        } catch (IOException e) {
            throw new TrustMaterialException("cannot read trust material: " + e.getMessage(), e);
        } catch (RegistryException e) {
            throw new TrustMaterialException(registryKeys.orElseThrow() + ": unusable registry keys file: "
                    + e.getMessage(), e);
        }
    }

    /** A given file's bytes; what cannot be read is named with the file, not only the system's reason. */
    private static byte[] read(Path file, String what) throws TrustMaterialException {
        try {
            return Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TrustMaterialException("cannot read the " + what + " " + file + ": no such file", e);
        } catch (IOException e) {
            throw new TrustMaterialException("cannot read the " + what + " " + file + ": "
                    + (Files.isDirectory(file) ? "it is a directory" : e.getMessage()), e);
        }
    }

    FulcioVerifier fulcio() {
        return verifiers().fulcio();
    }

    RekorVerifier rekor() {
        return verifiers().rekor();
    }

    List<TransparencyLog> transparencyLogs() {
        return verifiers().root().getTLogs();
    }

    public RegistryKeys registryKeys() {
        return registryKeys;
    }

    /** The trust material itself is unusable: nothing can be verified. */
    public static final class TrustMaterialException extends Exception {
        private static final long serialVersionUID = 1L;

        public TrustMaterialException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
