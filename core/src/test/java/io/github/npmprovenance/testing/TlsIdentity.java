package io.github.npmprovenance.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A test registry's TLS identity: a self-signed certificate for one host name or address, and its key, made for the
 * test. {@link #trustingClientContext()} is what a trust store holding the certificate gives a client; installed
 * with {@link SSLContext#setDefault}, it is what {@code -Djavax.net.ssl.trustStore} does for a user.
 */
public record TlsIdentity(KeyPair key, X509Certificate certificate) {
    private static final char[] PASSWORD = "test".toCharArray();

    public static TlsIdentity forHost(String host) throws Exception {
        return create(new GeneralName(GeneralName.dNSName, host));
    }

    public static TlsIdentity forAddress(String address) throws Exception {
        return create(new GeneralName(GeneralName.iPAddress, address));
    }

    private static TlsIdentity create(GeneralName name) throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name subject = new X500Name("CN=npm-provenance test registry");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.TWO,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                key.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        return new TlsIdentity(key, certificate);
    }

    /** A certificate authority's own, self-signed: it issues client certificates ({@link #issueClient}). */
    public static TlsIdentity authority(String name) throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
                key.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        return new TlsIdentity(key, certificate);
    }

    /**
     * A TLS client's certificate, issued by this authority, for a key of {@code keyAlgorithm} ({@code RSA} or
     * {@code EC}), as a corporate registry's users are given one.
     */
    public TlsIdentity issueClient(String name, String keyAlgorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
        generator.initialize(keyAlgorithm.equals("RSA") ? 2048 : 256);
        KeyPair client = generator.generateKeyPair();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                new X500Name(certificate.getSubjectX500Principal().getName()), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))),
                new X500Name("CN=" + name), client.getPublic());
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        X509Certificate issued = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        return new TlsIdentity(client, issued);
    }

    /**
     * The private key in PEM, as a {@code keyfile} holds it: PKCS#8 ({@code PRIVATE KEY}), or, {@code traditional},
     * OpenSSL's older forms, PKCS#1 ({@code RSA PRIVATE KEY}) for RSA and SEC1 ({@code EC PRIVATE KEY}) for EC.
     */
    public String privateKeyPem(boolean traditional) throws Exception {
        if (!traditional) {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(key.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }
        java.io.StringWriter text = new java.io.StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (key.getPrivate().getAlgorithm().equals("RSA")) {
                writer.writeObject(key.getPrivate());
            } else {
                // as OpenSSL writes it: with the curve and the public key, which the JDK's encoding leaves out
                PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getPrivate().getEncoded());
                ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
                ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(),
                        SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()).getPublicKeyData(),
                        info.getPrivateKeyAlgorithm().getParameters());
                writer.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            }
        }
        return text.toString();
    }

    /**
     * For a server that asks each client for a certificate (and, with {@code required}, refuses one that gives
     * none): presents this certificate, and trusts client certificates issued by {@code clientAuthority}.
     */
    public SSLContext serverContextTrusting(X509Certificate clientAuthority) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(serverKeyManagers(), trusting(clientAuthority), null);
        return context;
    }

    /** The certificate in PEM, as a {@code cafile} holds it. */
    public String pem() throws Exception {
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    /** For the server: presents the certificate. */
    public SSLContext serverContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(serverKeyManagers(), null, null);
        return context;
    }

    /** For the client: trusts this certificate and nothing else. */
    public SSLContext trustingClientContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trusting(certificate), null);
        return context;
    }

    /** Key managers presenting this certificate. */
    private javax.net.ssl.KeyManager[] serverKeyManagers() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", key.getPrivate(), PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        return keys.getKeyManagers();
    }

    /** Trust managers that trust this one certificate and nothing else. */
    private static javax.net.ssl.TrustManager[] trusting(X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("trusted", trusted);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        return trust.getTrustManagers();
    }
}
