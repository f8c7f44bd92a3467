package io.github.npmprovenance.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.npmprovenance.registry.RegistryKey;
import io.github.npmprovenance.registry.RegistryKeys;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The fast P-256 path accepts exactly what the JDK accepts: a real npm signature, nothing else. */
class EcdsaP256Test {
    // sigstore@1.0.0's real registry signature, by the old npm key (npm/cli's tests)
    private static final byte[] MESSAGE = ("sigstore@1.0.0:sha512-e+qfbn/zf1+rCza/BhIA//Awmf0v1pa5HQS8Xk8iXrn9bgytytVLqY"
            + "D0P7NSqZ6IELTgq+tcDvLPkQjNHyWLNg==").getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIGNATURE = Base64.getDecoder().decode(
            "MEQCIBlpcHT68iWOpx8pJr3WUzD1EqQ7tb0CmY36ebbceR6IAiAVGRaxrFoyh0/5B7H1o4VFhfsHw9F8G+AxOZQq87q+lg==");

    private static RegistryKey oldNpmKey() {
        return RegistryKeys.embeddedPublicNpm().find("SHA256:jl3bwswu80PjjokCgh0o2w5c2U4LhQAE57gj9cz1kzA").orElseThrow();
    }

    @Test
    void aRealSignatureVerifiesAndAnyChangeDoesNot() throws Exception {
        var key = EcdsaP256.parameters(oldNpmKey().encoded(), oldNpmKey().publicKey()).orElseThrow();

        assertThat(EcdsaP256.verify(key, MESSAGE, SIGNATURE)).isTrue();
        byte[] otherMessage = MESSAGE.clone();
        otherMessage[0] = 'S';
        assertThat(EcdsaP256.verify(key, otherMessage, SIGNATURE)).isFalse();
        byte[] flipped = SIGNATURE.clone();
        flipped[10] ^= 1;
        assertThat(EcdsaP256.verify(key, MESSAGE, flipped)).isFalse();
    }

    @Test
    void onlyStrictDerIsAccepted() {
        var key = EcdsaP256.parameters(oldNpmKey().encoded(), oldNpmKey().publicKey()).orElseThrow();
        byte[] trailing = Arrays.copyOf(SIGNATURE, SIGNATURE.length + 1);
        // r with a superfluous leading zero: same number, not DER
        byte[] padded = new byte[SIGNATURE.length + 1];
        padded[0] = 0x30;
        padded[1] = (byte) (SIGNATURE[1] + 1);
        padded[2] = 0x02;
        padded[3] = (byte) (SIGNATURE[3] + 1);
        padded[4] = 0x00;
        System.arraycopy(SIGNATURE, 4, padded, 5, SIGNATURE.length - 4);

        assertThatThrownBy(() -> EcdsaP256.verify(key, MESSAGE, trailing)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> EcdsaP256.verify(key, MESSAGE, padded)).isInstanceOf(SignatureException.class);
        assertThatThrownBy(() -> EcdsaP256.verify(key, MESSAGE, new byte[] {0x30, 0x00}))
                .isInstanceOf(SignatureException.class);
    }
}
