package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sigstore.encryption.certificates.transparency.CertificateEntry;
import dev.sigstore.encryption.certificates.transparency.DigitallySigned;
import dev.sigstore.encryption.certificates.transparency.SignedCertificateTimestamp;
import dev.sigstore.rekor.client.RekorEntry;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway Fulcio CA, CT log and Rekor log, appended to the real trusted root: lets a test sign bundles with
 * statements and certificate identities of its choice, which verify through every cryptographic check.
 */
public final class ForgedSigstore {
    private static final ObjectMapper M = new ObjectMapper();
    private static final String ARC = "1.3.6.1.4.1.57264.1.";
    private final KeyPair ca = ec();
    private final KeyPair ct = ec();
    private final KeyPair rekor = ec();
    private final X509Certificate caCert;
    private final Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    public ForgedSigstore() throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=forged-fulcio"),
                BigInteger.TWO, Date.from(now.minusSeconds(86400)), Date.from(now.plusSeconds(86400)),
                new X500Name("CN=forged-fulcio"), ca.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        caCert = new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    }

    public static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static byte[] sign(PrivateKey key, byte[] data) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(data);
        return s.sign();
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    /** The real trusted root with this Fulcio, CT log and Rekor log added, written to {@code dir}. */
    public Path trustedRoot(Path dir) throws Exception {
        ObjectNode root = (ObjectNode) M.readTree(io.github.npmprovenance.attestation.TrustMaterial.class
                .getResourceAsStream("trusted_root.json"));
        String start = now.minusSeconds(86400).toString();
        ObjectNode tlog = ((ArrayNode) root.get("tlogs")).addObject();
        tlog.put("baseUrl", "https://rekor.forged.invalid").put("hashAlgorithm", "SHA2_256");
        tlog.putObject("publicKey").put("rawBytes", b64(rekor.getPublic().getEncoded()))
                .put("keyDetails", "PKIX_ECDSA_P256_SHA_256").putObject("validFor").put("start", start);
        tlog.putObject("logId").put("keyId", b64(sha256(rekor.getPublic().getEncoded())));
        ObjectNode ctlog = ((ArrayNode) root.get("ctlogs")).addObject();
        ctlog.put("baseUrl", "https://ct.forged.invalid").put("hashAlgorithm", "SHA2_256");
        ctlog.putObject("publicKey").put("rawBytes", b64(ct.getPublic().getEncoded()))
                .put("keyDetails", "PKIX_ECDSA_P256_SHA_256").putObject("validFor").put("start", start);
        ctlog.putObject("logId").put("keyId", b64(sha256(ct.getPublic().getEncoded())));
        ObjectNode authority = ((ArrayNode) root.get("certificateAuthorities")).addObject();
        authority.putObject("subject").put("organization", "forged").put("commonName", "forged-fulcio");
        authority.put("uri", "https://fulcio.forged.invalid");
        authority.putObject("certChain").putArray("certificates").addObject()
                .put("rawBytes", b64(caCert.getEncoded()));
        authority.putObject("validFor").put("start", start);
        Path file = dir.resolve("trusted_root.json");
        Files.writeString(file, M.writeValueAsString(root));
        return file;
    }

    /** A Fulcio-style leaf with an embedded SCT; {@code extensions}: n -> value (raw for n < 8, UTF8String from 8). */
    public X509Certificate leaf(KeyPair subject, GeneralName san, Map<Integer, String> extensions) throws Exception {
        byte[] placeholder = sctList(new byte[10]);
        X509Certificate pre = build(subject, san, extensions, placeholder);
        CertificateEntry entry = CertificateEntry.createForPrecertificate(pre, caCert);
        long time = now.minusSeconds(30).toEpochMilli();
        SignedCertificateTimestamp unsigned = new SignedCertificateTimestamp(SignedCertificateTimestamp.Version.V1,
                sha256(ct.getPublic().getEncoded()), time, new byte[0],
                new DigitallySigned(DigitallySigned.HashAlgorithm.SHA256, DigitallySigned.SignatureAlgorithm.ECDSA,
                        new byte[0]),
                SignedCertificateTimestamp.Origin.EMBEDDED);
        byte[] signature = sign(ct.getPrivate(), unsigned.encodeTBS(entry));
        ByteArrayOutputStream sct = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(sct);
        out.writeByte(0);
        out.write(sha256(ct.getPublic().getEncoded()));
        out.writeLong(time);
        out.writeShort(0);
        out.writeByte(4);
        out.writeByte(3);
        out.writeShort(signature.length);
        out.write(signature);
        return build(subject, san, extensions, sctList(sct.toByteArray()));
    }

    private static byte[] sctList(byte[] sct) throws Exception {
        ByteArrayOutputStream list = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(list);
        out.writeShort(sct.length + 2);
        out.writeShort(sct.length);
        out.write(sct);
        return list.toByteArray();
    }

    private X509Certificate build(KeyPair subject, GeneralName san, Map<Integer, String> extensions, byte[] scts)
            throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, BigInteger.valueOf(77),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(540)), new X500Name(""),
                subject.getPublic());
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_codeSigning));
        b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san));
        for (Map.Entry<Integer, String> e : new java.util.TreeMap<>(extensions).entrySet()) {
            byte[] value = e.getKey() < 8 ? e.getValue().getBytes(StandardCharsets.UTF_8)
                    : new DERUTF8String(e.getValue()).getEncoded();
            b.addExtension(new Extension(new ASN1ObjectIdentifier(ARC + e.getKey()), false, value));
        }
        b.addExtension(new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2"), false,
                new DEROctetString(scts).getEncoded()));
        return new JcaX509CertificateConverter().getCertificate(b.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    }

    /** A 0.1 bundle: the payload signed by the leaf's key, logged as a dsse 0.0.1 entry with its signed timestamp. */
    public ObjectNode bundle(byte[] payload, X509Certificate leaf, KeyPair key) throws Exception {
        String type = "application/vnd.in-toto+json";
        byte[] pae = ("DSSEv1 " + type.length() + " " + type + " " + payload.length + " ")
                .getBytes(StandardCharsets.UTF_8);
        byte[] signed = java.util.Arrays.copyOf(pae, pae.length + payload.length);
        System.arraycopy(payload, 0, signed, pae.length, payload.length);
        byte[] sig = sign(key.getPrivate(), signed);
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(leaf.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        ObjectNode body = M.createObjectNode().put("apiVersion", "0.0.1").put("kind", "dsse");
        ObjectNode spec = body.putObject("spec");
        spec.putObject("envelopeHash").put("algorithm", "sha256").put("value", "00");
        spec.putObject("payloadHash").put("algorithm", "sha256")
                .put("value", HexFormat.of().formatHex(sha256(payload)));
        spec.putArray("signatures").addObject().put("signature", b64(sig))
                .put("verifier", b64(pem.getBytes(StandardCharsets.US_ASCII)));
        ObjectNode entry = M.createObjectNode();
        entry.put("logIndex", "4242");
        entry.putObject("logId").put("keyId", b64(sha256(rekor.getPublic().getEncoded())));
        entry.putObject("kindVersion").put("kind", "dsse").put("version", "0.0.1");
        entry.put("integratedTime", Long.toString(now.getEpochSecond()));
        entry.putObject("inclusionPromise").put("signedEntryTimestamp", b64(new byte[8]));
        entry.put("canonicalizedBody", b64(M.writeValueAsBytes(body)));
        byte[] signable = RekorEntry.fromTLogEntryJson(entry.toString()).getSignableContent();
        ((ObjectNode) entry.get("inclusionPromise"))
                .put("signedEntryTimestamp", b64(sign(rekor.getPrivate(), signable)));

        ObjectNode bundle = M.createObjectNode()
                .put("mediaType", "application/vnd.dev.sigstore.bundle+json;version=0.1");
        ObjectNode material = bundle.putObject("verificationMaterial");
        material.putObject("x509CertificateChain").putArray("certificates").addObject()
                .put("rawBytes", b64(leaf.getEncoded()));
        material.putArray("tlogEntries").add(entry);
        ObjectNode envelope = bundle.putObject("dsseEnvelope");
        envelope.put("payload", b64(payload)).put("payloadType", type);
        envelope.putArray("signatures").addObject().put("sig", b64(sig)).put("keyid", "");
        return bundle;
    }
}
