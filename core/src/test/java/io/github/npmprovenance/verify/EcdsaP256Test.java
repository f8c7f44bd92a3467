package io.github.npmprovenance.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.npmprovenance.registry.RegistryKey;
import io.github.npmprovenance.registry.RegistryKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Arrays;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fast P-256 paths accept a real npm signature and nothing else, whether BoringSSL or Bouncy Castle verifies it:
 * what the JDK accepts, except an integer whose high bit is set (negative in strict DER), which the JDK reads as
 * unsigned and npm's OpenSSL refuses.
 */
class EcdsaP256Test {
    // sigstore@1.0.0's real registry signature, by the old npm key (npm/cli's tests)
    private static final byte[] MESSAGE = ("sigstore@1.0.0:sha512-e+qfbn/zf1+rCza/BhIA//Awmf0v1pa5HQS8Xk8iXrn9bgytytVLqY"
            + "D0P7NSqZ6IELTgq+tcDvLPkQjNHyWLNg==").getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIGNATURE = Base64.getDecoder().decode(
            "MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ7tb0CmY36ebbceR6IAiAVGRaxrFoyh0/5B7H1o4VFhfsHw9F8G+AxOZQq87q+lg==");
    private static final BigInteger ORDER = ECNamedCurveTable.getByName("secp256r1").getN();

    enum Implementation {
        BORINGSSL, BOUNCY_CASTLE;

        boolean verify(byte[] message, byte[] der) throws GeneralSecurityException {
            EcdsaP256.Key key = EcdsaP256.key(oldNpmKey().encoded(), oldNpmKey().publicKey().orElseThrow()).orElseThrow();
            if (this == BOUNCY_CASTLE) {
                return EcdsaP256.verifyWithBouncyCastle(key, message, der);
            }
            assumeTrue(key.boringSsl().isPresent(), "Conscrypt's native library does not load on this platform");
            return EcdsaP256.verify(key, message, der);
        }
    }

    private static RegistryKey oldNpmKey() {
        return RegistryKeys.embeddedPublicNpm().find("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA").orElseThrow();
    }

    @Test
    void boringSslVerifiesWhereCiAndTheActionRun() {
        // a silent fallback to the slow path would go unnoticed: on Linux x86-64 the native library must load
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"));

        assertThat(EcdsaP256.nativeAvailable()).isTrue();
        assertThat(EcdsaP256.key(oldNpmKey().encoded(), oldNpmKey().publicKey().orElseThrow()).orElseThrow().boringSsl()).isPresent();
    }

    @Test
    void aKeyOnAnotherCurveIsLeftToTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = generator.generateKeyPair();

        assertThat(EcdsaP256.key(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), pair.getPublic()))
                .isEmpty();
        assertThat(EcdsaP256.key(oldNpmKey().encoded(), oldNpmKey().publicKey().orElseThrow())).isPresent();
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void aRealSignatureVerifiesAndAnyChangeDoesNot(Implementation implementation) throws Exception {
        assertThat(implementation.verify(MESSAGE, SIGNATURE)).isTrue();
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] = 'S';
        assertThat(implementation.verify(otherMessage, SIGNATURE)).isFalse();
        byte[] flipped = SIGNATURE.clone();
        flipped[10] ^= 1;
        assertThat(implementation.verify(MESSAGE, flipped)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void onlyStrictDerIsAccepted(Implementation implementation) {
        byte[] trailing = Arrays.copyOf(SIGNATURE, SIGNATURE.length + 1);
        // r with a superfluous leading zero: same number, not DER
        byte[] padded = new byte[SIGNATURE.length + 1];
        padded[0] = 0x30;
        padded[1] = (byte) (SIGNATURE[1] + 1);
        padded[2] = 0x02;
        padded[3] = (byte) (SIGNATURE[3] + 1);
        padded[4] = 0x00;
        System.arraycopy(SIGNATURE, 4, padded, 5, SIGNATURE.length - 4);

        assertThatThrownBy(() -> implementation.verify(MESSAGE, trailing)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> implementation.verify(MESSAGE, padded)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> implementation.verify(MESSAGE, new byte[] {0x30, 0x00}))
                .isInstanceOf(SignatureException.class);
        // another ASN.1 type where the sequence belongs (a GraphicString, a tagged object)
        byte[] graphicString = SIGNATURE.clone();
        graphicString[0] = 0x19;
        byte[] tagged = SIGNATURE.clone();
        tagged[0] = (byte) 0xA0;
        assertThatThrownBy(() -> implementation.verify(MESSAGE, graphicString)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> implementation.verify(MESSAGE, tagged)).isInstanceOf(SignatureException.class);
    }

    @ParameterizedTest
    @EnumSource(Implementation.class)
    void valuesOutsideTheGroupOrderDoNotVerify(Implementation implementation) throws Exception {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(SIGNATURE, SIGNATURE.length - 32, SIGNATURE.length));
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(SIGNATURE, 4, 4 + 32));
        assertThat(implementation.verify(MESSAGE, der(r, s))).isTrue();

        assertThat(implementation.verify(MESSAGE, der(BigInteger.ZERO, s))).isFalse();
        assertThat(implementation.verify(MESSAGE, der(r, BigInteger.ZERO))).isFalse();
        // r + n and s + n name the same residues: a verifier that reduces first would accept them
        assertThat(implementation.verify(MESSAGE, der(r.add(ORDER), s))).isFalse();
        assertThat(implementation.verify(MESSAGE, der(r, s.add(ORDER)))).isFalse();
        // (r, n - s) is the other valid signature of the same message (ECDSA malleability): both verify, as in the JDK
        assertThat(implementation.verify(MESSAGE, der(r, ORDER.subtract(s)))).isTrue();
    }

    /** On a key of its own and thousands of mutated signatures, each accepts what the JDK accepts. */
    @ParameterizedTest
    @EnumSource(Implementation.class)
    void acceptsExactlyWhatTheJdkAccepts(Implementation implementation) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        EcdsaP256.Key key = EcdsaP256.key(Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                pair.getPublic()).orElseThrow();
        assumeTrue(implementation == Implementation.BOUNCY_CASTLE || key.boringSsl().isPresent());
        Random random = new Random(20261127);
        int accepted = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] message = ("pkg-" + i + "@1.0.0:sha512-" + i).getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(pair.getPrivate());
            signer.update(message);
            byte[] signature = mutate(signer.sign(), random);

            boolean jdk = jdkAccepts(pair, message, signature);
            boolean ours;
            try {
                ours = implementation == Implementation.BOUNCY_CASTLE
                        ? EcdsaP256.verifyWithBouncyCastle(key, message, signature)
                        : EcdsaP256.verify(key, message, signature);
            } catch (SignatureException e) {
                ours = false;
            }
            assertThat(ours).as("signature %s", HexFormat.of().formatHex(signature)).isEqualTo(jdk);
            accepted += jdk ? 1 : 0;
        }
        // the mutations must leave some signatures intact, or the comparison would say nothing about acceptance
        assertThat(accepted).isBetween(100, 1_900);
    }

    /** One in ten left as signed; the rest get a bit flipped, a byte changed, cut short or lengthened. */
    private static byte[] mutate(byte[] signature, Random random) {
        byte[] mutated = signature.clone();
        switch (random.nextInt(10)) {
            case 0 -> {
                return mutated;
            }
            case 1, 2, 3 -> mutated[random.nextInt(mutated.length)] ^= (byte) (1 << random.nextInt(8));
            case 4, 5 -> mutated[random.nextInt(6)] = (byte) random.nextInt(256);
            case 6 -> {
                return Arrays.copyOf(mutated, random.nextInt(mutated.length));
            }
            case 7 -> {
                return Arrays.copyOf(mutated, mutated.length + 1 + random.nextInt(3));
            }
            default -> mutated[mutated.length - 1 - random.nextInt(32)] ^= (byte) (1 + random.nextInt(255));
        }
        return mutated;
    }

    private static boolean jdkAccepts(KeyPair pair, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(pair.getPublic());
        verifier.update(message);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }

    private static byte[] der(BigInteger r, BigInteger s) throws Exception {
        return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded();
    }
}
