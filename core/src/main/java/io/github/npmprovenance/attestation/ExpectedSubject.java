package io.github.npmprovenance.attestation;

import java.util.Locale;

/**
 * What an attestation must be about: the locked package, by name, version and the sha512 the lockfile pins.
 *
 * @param sha512Hex lower-case hex of the lockfile's sha512 digest
 */
public record ExpectedSubject(String name, String version, String sha512Hex) {
    public ExpectedSubject {
        sha512Hex = sha512Hex.toLowerCase(Locale.ROOT);
    }

    /** npm's package URL for the subject name: {@code pkg:npm/%40scope/name@1.2.3}. */
    public String purl() {
        String encoded = name.startsWith("@") ? "%40" + name.substring(1) : name;
        return "pkg:npm/" + encoded + "@" + version;
    }
}
