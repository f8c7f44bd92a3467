package io.github.npmprovenance.registry;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * A TLS client certificate npm presents to one registry: {@code //host[:port]/path/:certfile} and {@code :keyfile},
 * both set at the prefix that decides the registry's credentials ({@link RegistryCredentials#of}), as
 * npm-registry-fetch takes them. Both are paths, read as written (npm gives them no type, so it expands
 * {@code ${VAR}} but not {@code ~/}; a relative path is relative to npm's working directory): the certificate chain
 * and the unencrypted private key in PEM, which Node's TLS takes as its {@code cert} and {@code key}.
 * {@link #toString} names the settings, never the files' content: a keyfile is a secret, and a project's
 * {@code .npmrc} (a pull request's) can name any file of the machine.
 *
 * @param prefix the {@code //host[:port]/path/} the two are set under, as messages name it (see Registry#shownPrefix)
 * @param certfile the path of the certificate chain, the client's own certificate first
 * @param keyfile the path of the certificate's private key
 * @param directory where npm runs, which npm-registry-fetch reads a relative {@code certfile} or {@code keyfile}
 *     from: the project's, not the JVM's (a Jenkins agent's root); the empty path is the JVM's
 */
public record ClientCertificate(String prefix, String certfile, String keyfile, Path directory) {
    /** Far beyond a key and a chain of certificates; a file named by mistake (a disk image) is not read whole. */
    static final int FILE_LIMIT = 1024 * 1024;
    private static final String ALIAS = "npm-client-certificate";
    /** The largest RSA modulus the JDK takes in a public key (its RSAKeyFactory's limit). */
    static final int RSA_MAX_BITS = 16384;

    public ClientCertificate {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(certfile, "certfile");
        Objects.requireNonNull(keyfile, "keyfile");
        Objects.requireNonNull(directory, "directory");
    }

    /** One certificate, whatever prefix names it: a registry written two ways is one registry. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ClientCertificate that && certfile.equals(that.certfile)
                && keyfile.equals(that.keyfile) && directory.equals(that.directory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(certfile, keyfile, directory);
    }

    /**
     * The key manager that presents this certificate in every handshake whose server accepts its kind of key
     * (RSA, EC), as OpenSSL presents the one it was given, whatever authorities the server names; Java's own key
     * managers would hold it back from a server that names others.
     *
     * @throws RegistryException a file cannot be read, holds no certificate or no usable key, or the key is not the
     *     certificate's; the message names the setting and the file and why, never what the file holds
     */
    X509ExtendedKeyManager keyManager() throws RegistryException {
        List<Certificate> certificates;
        String certificateText = read(certfile, ":certfile");
        try {
            certificates = PemCertificates.parse(certificateText);
        } catch (CertificateException e) {
            // PemCertificates' messages give a position, not the text
            throw refused(":certfile", certfile, e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw refused(":certfile", certfile, "no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        X509Certificate[] chain = certificates.stream().map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
        PrivateKey key = privateKey(read(keyfile, ":keyfile"));
        if (!belongTogether(key, chain[0].getPublicKey())) {
            // as Node refuses them ("key values mismatch"): the handshake would fail with a less helpful message
            throw refused(":keyfile", keyfile, "the key is not the private key of the first certificate of "
                    + prefix + ":certfile (" + certfile + ")");
        }
        return new SingleKeyManager(key, chain);
    }

    /**
     * The file's text; at most {@link #FILE_LIMIT} bytes are read, and only of a regular file: a pipe (a FIFO,
     * {@code /dev/stdin}, which on a CI agent may never end, or be a Jenkins agent's channel to its controller) would
     * be waited on with no timeout, and a device read for nothing.
     */
    private String read(String path, String setting) throws RegistryException {
        Path file;
        try {
            file = directory.resolve(path);
        } catch (InvalidPathException e) {
            throw refused(setting, null, "not a valid path");
        }
        if (!Files.exists(file)) {
            // not the path: it may hold a secret, a ${VAR} of a pull request's .npmrc expanded into it, and no file
            // by that name vouches that it is only a path (nor does one behind a directory this user cannot search)
            String hint = path.startsWith("~") ? "; npm does not expand ~ in this setting: give the full path"
                    // where a relative one was looked for is the project's, no secret
                    : Path.of(path).isAbsolute() ? "" : "; a relative path is taken from " + directory.toAbsolutePath();
            throw refused(setting, null, "no such file, or none this user can reach (the path is not printed, as "
                    + "${VAR} expansion may have put a secret in it)" + hint);
        }
        if (!Files.isRegularFile(file)) {
            throw refused(setting, path, "not a regular file (a directory, device or pipe), so not a PEM file");
        }
        try {
            byte[] bytes = BoundedFiles.read(file, FILE_LIMIT).orElseThrow(() ->
                    refused(setting, path, "larger than " + FILE_LIMIT / 1024 + " KiB, so not a PEM file"));
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            // FileErrors names the file looked for (a relative path, where it was looked for) and the reason
            // (permission denied), never the content
            throw refused(setting, path, "cannot be read (" + FileErrors.describe(e) + ")");
        }
    }

    /**
     * The first private key of the PEM text: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC1
     * ({@code EC PRIVATE KEY}), unencrypted, as Node takes a {@code key} without a passphrase (npm has no setting for
     * one). Other blocks (a certificate in the same file) are passed over.
     */
    private PrivateKey privateKey(String text) throws RegistryException {
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            for (Object block = parser.readObject(); block != null; block = parser.readObject()) {
                if (block instanceof PrivateKeyInfo info) {
                    return jdkKey(info);
                }
                if (block instanceof PEMKeyPair pair) {
                    // PKCS#1 or SEC1, as PKCS#8 has it; the public key, which SEC1 may leave out, is not needed
                    return jdkKey(pair.getPrivateKeyInfo());
                }
                if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw refused(":keyfile", keyfile, "the private key is encrypted, and npm has no setting for "
                            + "its passphrase (nor does Node take one from npm): give it unencrypted");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not the parser's message: it may quote the file's text
            throw refused(":keyfile", keyfile, "not a readable PEM private key (" + e.getClass().getSimpleName()
                    + ")");
        }
        throw refused(":keyfile", keyfile, "no unencrypted PEM private key (-----BEGIN PRIVATE KEY-----, "
                + "-----BEGIN RSA PRIVATE KEY----- or -----BEGIN EC PRIVATE KEY-----) in it");
    }

    /**
     * The key as the JDK's own providers have it (algorithm {@code RSA} or {@code EC}), which its TLS signs with;
     * Bouncy Castle's converter would name an EC key {@code ECDSA}, which no TLS key type matches.
     */
    private PrivateKey jdkKey(PrivateKeyInfo info) throws RegistryException {
        ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
        String name = algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) ? "RSA"
                : algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : null;
        if (name == null) {
            throw refused(":keyfile", keyfile, "the private key is neither RSA nor EC (algorithm " + algorithm + ")");
        }
        try {
            PrivateKey key = KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            if (key instanceof RSAPrivateKey rsa && !withinModulus(rsa)) {
                throw refused(":keyfile", keyfile, "the RSA private key's numbers are larger than its modulus, or "
                        + "the modulus larger than " + RSA_MAX_BITS + " bits, as no RSA key's are");
            }
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw refused(":keyfile", keyfile, "the " + name + " private key cannot be used ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Whether the key's numbers are no larger than its modulus, and that no larger than the JDK takes an RSA public
     * key's: a file (a pull request can commit one) with primes of a million bits makes one signature take hours
     * of CPU, which no timeout or abort ends.
     */
    private static boolean withinModulus(RSAPrivateKey key) {
        int bits = key.getModulus().bitLength();
        List<BigInteger> numbers = new java.util.ArrayList<>(List.of(key.getPrivateExponent()));
        if (key instanceof RSAPrivateCrtKey crt) {
            numbers.addAll(List.of(crt.getPublicExponent(), crt.getPrimeP(), crt.getPrimeQ(),
                    crt.getPrimeExponentP(), crt.getPrimeExponentQ(), crt.getCrtCoefficient()));
        }
        return bits <= RSA_MAX_BITS && numbers.stream().allMatch(n -> n.bitLength() <= bits);
    }

    /** Whether the key signs what the public key verifies. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        try {
            byte[] probe = "npm-provenance client certificate".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** @param path the file, named when it exists; null when it is not to be printed */
    private RegistryException refused(String setting, String path, String why) {
        return new RegistryException(RegistryException.Kind.CLIENT_CERTIFICATE, "the client certificate configured "
                + "with " + prefix + setting + " cannot be used: " + (path == null ? "" : path + ": ") + why);
    }

    /** The settings, not the files' paths or content. */
    @Override
    public String toString() {
        return prefix + ":certfile and " + prefix + ":keyfile";
    }

    /** Presents one certificate chain; chooses nothing for a server, and no other key. */
    private static final class SingleKeyManager extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;

        SingleKeyManager(PrivateKey key, X509Certificate[] chain) {
            this.key = key;
            this.chain = chain.clone();
        }

        private String alias(String[] keyTypes) {
            if (keyTypes != null) {
                for (String type : keyTypes) {
                    if (key.getAlgorithm().equals(type)) {
                        return ALIAS;
                    }
                }
            }
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return alias(keyTypes);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return alias(keyTypes);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return alias(new String[] {keyType}) == null ? null : new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
