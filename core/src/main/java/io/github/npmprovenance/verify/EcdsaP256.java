package io.github.npmprovenance.verify;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * ECDSA P-256 / SHA-256 verification of registry signatures, the bulk of a cold run's work. In a fresh JVM, 10,000
 * verifications take JDK 17's provider about 9 s of CPU, Bouncy Castle's lightweight API about 1.5 s (its code is
 * compiled as it goes), and BoringSSL's (Conscrypt's native library) about 0.35 s, loading included. BoringSSL verifies
 * where Conscrypt's library loads (Linux, macOS and Windows on x86-64, Linux and macOS on ARM), Bouncy Castle
 * elsewhere. Only strict DER signatures are accepted, as npm's OpenSSL accepts them (the JDK also reads an integer
 * whose high bit is set, negative in DER, as unsigned). Bouncy Castle is loaded only where it verifies or a signature
 * is refused: its curve tables and key parsing cost a fresh JVM about 80 ms, on the way to the first check.
 */
final class EcdsaP256 {
    private static final ECParameterSpec P256 = p256();
    private static final Map<String, Optional<Key>> KEYS = new ConcurrentHashMap<>();
    private static final long LOAD_WAIT_MILLIS = 5_000;
    private static Thread loader;

    private EcdsaP256() {
    }

    /** One public key as each implementation takes it; {@code boringSsl} is empty where Conscrypt did not load. */
    static final class Key {
        private final ECPublicKey jdk;
        private final Optional<PublicKey> boringSsl;
        private volatile ECPublicKeyParameters bouncyCastle;

        private Key(ECPublicKey jdk, Optional<PublicKey> boringSsl) {
            this.jdk = jdk;
            this.boringSsl = boringSsl;
        }

        Optional<PublicKey> boringSsl() {
            return boringSsl;
        }

        ECPublicKeyParameters bouncyCastle() throws GeneralSecurityException {
            ECPublicKeyParameters parameters = bouncyCastle;
            if (parameters == null) {
                try {
                    parameters = (ECPublicKeyParameters) PublicKeyFactory.createKey(jdk.getEncoded());
                } catch (IOException | RuntimeException e) {
                    throw new GeneralSecurityException("Bouncy Castle cannot read the P-256 key", e);
                }
                bouncyCastle = parameters;
            }
            return parameters;
        }
    }

    /** Starts loading the native library (a tenth of a second), so that the first signature does not wait for it. */
    static void prepare() {
        synchronized (EcdsaP256.class) {
            if (loader == null) {
                loader = new Thread(BoringSsl::available, "npm-provenance-boringssl");
                loader.setDaemon(true);
                loader.start();
            }
        }
    }

    /**
     * Waits for a load begun by {@link #prepare} (normally long over): Conscrypt copies its library to a temporary
     * file, which a process that exits during the copy would leave behind.
     */
    static void finishPreparing() {
        Thread started;
        synchronized (EcdsaP256.class) {
            started = loader;
        }
        if (started != null) {
            try {
                started.join(LOAD_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The key prepared for verification; empty when it is not a P-256 key (then the JDK verifies). */
    static Optional<Key> key(String encoded, PublicKey key) {
        return KEYS.computeIfAbsent(encoded, e -> key instanceof ECPublicKey ec && isP256(ec.getParams())
                ? Optional.of(new Key(ec, BoringSsl.publicKey(key.getEncoded())))
                : Optional.empty());
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().equals(P256.getCurve()) && params.getGenerator().equals(P256.getGenerator())
                && params.getOrder().equals(P256.getOrder()) && params.getCofactor() == P256.getCofactor();
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK does not know the P-256 curve", e);
        }
    }

    /**
     * @return whether the DER signature verifies over the SHA-256 of the message
     * @throws java.security.SignatureException when the signature is not strict DER
     * @throws GeneralSecurityException when the key cannot be used
     */
    static boolean verify(Key key, byte[] message, byte[] der) throws GeneralSecurityException {
        if (key.boringSsl().isEmpty()) {
            return verifyWithBouncyCastle(key.bouncyCastle(), message, strictDer(der));
        }
        // BoringSSL parses strict DER only, so a signature it accepts needs no parsing here; one it refuses is
        // parsed to tell a malformed signature from a wrong one
        if (BoringSsl.verify(key.boringSsl().get(), message, der)) {
            return true;
        }
        strictDer(der);
        return false;
    }

    /** Bouncy Castle's verdict alone, whatever else is available. */
    static boolean verifyWithBouncyCastle(Key key, byte[] message, byte[] der) throws GeneralSecurityException {
        return verifyWithBouncyCastle(key.bouncyCastle(), message, strictDer(der));
    }

    /** Whether signatures are verified by BoringSSL in this process. */
    static boolean nativeAvailable() {
        return BoringSsl.available();
    }

    private static boolean verifyWithBouncyCastle(ECPublicKeyParameters key, byte[] message, BigInteger[] rs) {
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, key);
        return signer.verifySignature(sha256(message), rs[0], rs[1]);
    }

    private static BigInteger[] strictDer(byte[] der) throws java.security.SignatureException {
        try {
            // Bouncy Castle reads no bytes (an empty or absent sig) as no object at all
            ASN1Sequence sequence = der.length == 0 ? null : ASN1Sequence.getInstance(der);
            if (sequence == null || sequence.size() != 2) {
                throw new java.security.SignatureException("not an ECDSA signature");
            }
            BigInteger r = ASN1Integer.getInstance(sequence.getObjectAt(0)).getPositiveValue();
            BigInteger s = ASN1Integer.getInstance(sequence.getObjectAt(1)).getPositiveValue();
            if (!Arrays.equals(new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded(),
                    der)) {
                throw new java.security.SignatureException("not strict DER");
            }
            return new BigInteger[] {r, s};
        } catch (IOException | RuntimeException e) {
            // Bouncy Castle's parser also throws IllegalStateException and its own runtime exceptions
            throw new java.security.SignatureException("malformed signature", e);
        }
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Conscrypt's provider, used by name for these signatures only: never installed, so TLS and every other
     * algorithm stay the JDK's.
     */
    static final class BoringSsl {
        private static final java.security.Provider PROVIDER = load();
        /**
         * One verifier per thread, as a Signature is not thread-safe: looking one up by name costs about as much as
         * a tenth of a verification.
         */
        private static final ThreadLocal<Signature> VERIFIERS = new ThreadLocal<>();

        private BoringSsl() {
        }

        private static java.security.Provider load() {
            try {
                // isAvailable() reports, rather than throws, a library that does not load on this platform
                return org.conscrypt.Conscrypt.isAvailable() ? org.conscrypt.Conscrypt.newProvider() : null;
            } catch (Throwable e) {
                // whatever stops it (no Conscrypt jar, an Error while loading) must not fail this class's
                // initialisation, which would make every later signature an error: Bouncy Castle verifies instead
                return null;
            }
        }

        static boolean available() {
            return PROVIDER != null;
        }

        static Optional<PublicKey> publicKey(byte[] encoded) {
            if (PROVIDER == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(KeyFactory.getInstance("EC", PROVIDER).generatePublic(new X509EncodedKeySpec(encoded)));
            } catch (GeneralSecurityException e) {
                return Optional.empty();
            }
        }

        /** False also when BoringSSL cannot read the signature. */
        static boolean verify(PublicKey key, byte[] message, byte[] der) throws GeneralSecurityException {
            Signature verifier = VERIFIERS.get();
            if (verifier == null) {
                verifier = Signature.getInstance("SHA256withECDSA", PROVIDER);
                VERIFIERS.set(verifier);
            }
            // initVerify starts over whatever an earlier verification on this thread left, even one that threw
            verifier.initVerify(key);
            verifier.update(message);
            try {
                return verifier.verify(der);
            } catch (java.security.SignatureException e) {
                return false;
            }
        }
    }
}
