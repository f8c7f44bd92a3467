package io.github.npmprovenance.registry;

/** One entry of {@code dist.signatures}: the signing key's id and a base64 DER ECDSA signature. */
public record RegistrySignature(String keyId, String signature) {
}
