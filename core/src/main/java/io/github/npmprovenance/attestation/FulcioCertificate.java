package io.github.npmprovenance.attestation;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the build identity Fulcio writes into its certificates (OID arc 1.3.6.1.4.1.57264.1). Version 1 extensions
 * (.1 to .6) hold raw strings; version 2 extensions (.8 onwards) hold DER UTF8Strings. Newer fields are read, older
 * ones where a certificate predates them; a certificate carrying both that disagree is refused, as slsa-verifier
 * refuses it, instead of one of its two answers being picked.
 */
final class FulcioCertificate {
    private static final String ARC = "1.3.6.1.4.1.57264.1.";

    private FulcioCertificate() {
    }

    static ProvenanceFacts facts(X509Certificate leaf, long logIndex) throws AttestationException {
        String san = subjectAlternativeName(leaf);
        String deprecatedRepository = v1(leaf, 5);
        String repository = v2(leaf, 12);
        // 1.5 is the owner/name path only (GitHub's), 1.12 the whole URL
        if (!deprecatedRepository.isEmpty() && !repository.isEmpty()
                && !repository.equals(origin(repository) + "/" + deprecatedRepository)) {
            throw disagree("source repository", 12, repository, 5, deprecatedRepository);
        }
        repository = first(repository, deprecatedRepository.isEmpty() ? "" : "https://github.com/" + deprecatedRepository);
        if (san.isEmpty() || repository.isEmpty()) {
            // Fulcio certifies people (an e-mail address) and workloads too: with no build named, every claim of the
            // predicate would go unchecked. npm's registry takes provenance only from CI workflows, slsa-verifier
            // only from the builders it trusts
            throw new AttestationException("PROVENANCE_SIGNER_NOT_A_BUILD", "the provenance was signed by an "
                    + "identity that names no CI build (" + (san.isEmpty() ? "no workflow URI" : "no source "
                    + "repository") + " in its certificate" + issuerOf(leaf) + "): provenance comes from a CI "
                    + "workflow, which names the repository it built");
        }
        String buildConfig = first(v2(leaf, 18), san);
        String ref = agreed(leaf, "source repository ref", 14, 6);
        return new ProvenanceFacts(
                repository,
                agreed(leaf, "source repository digest", 13, 3),
                ref,
                workflowPath(buildConfig, repository, ref),
                agreed(leaf, "build trigger", 20, 2),
                v2(leaf, 11),
                agreed(leaf, "OIDC issuer", 8, 1),
                san,
                logIndex,
                "https://search.sigstore.dev/?logIndex=" + logIndex);
    }

    /** {@code https://host[:port]} of a URL, or "" when it has none. */
    private static String origin(String url) {
        try {
            java.net.URI uri = new java.net.URI(url);
            return uri.getScheme() == null || uri.getRawAuthority() == null ? ""
                    : uri.getScheme() + "://" + uri.getRawAuthority();
        } catch (java.net.URISyntaxException e) {
            return "";
        }
    }

    /** The newer extension's value, or the deprecated one's for an older certificate; both must agree. */
    private static String agreed(X509Certificate leaf, String what, int field, int deprecatedField)
            throws AttestationException {
        String value = v2(leaf, field);
        String deprecated = v1(leaf, deprecatedField);
        if (!value.isEmpty() && !deprecated.isEmpty() && !value.equals(deprecated)) {
            throw disagree(what, field, value, deprecatedField, deprecated);
        }
        return first(value, deprecated);
    }

    private static AttestationException disagree(String what, int field, String value, int deprecatedField,
            String deprecated) {
        return new AttestationException("CERTIFICATE_CLAIMS_DISAGREE", "the signing certificate contradicts itself: "
                + "its " + what + " is \"" + value + "\" (" + ARC + field + "), but \"" + deprecated
                + "\" in the deprecated extension " + ARC + deprecatedField);
    }

    /**
     * {@code https://github.com/o/r/.github/workflows/x.yml@refs/...} → {@code .github/workflows/x.yml}, a path in
     * the source repository, or "" for a workflow elsewhere. Without a build config URI (certificates before 1.18)
     * the workflow is the subject alternative name, the job's workflow: for a reusable one, a file of the
     * repository that published it, which a policy's {@code workflows:} (paths in the source repository) must not
     * match. GitLab separates the project from the file with two slashes
     * ({@code https://gitlab.com/group/project//.gitlab-ci.yml@refs/...}, as its {@code ci_config_ref_uri} claim
     * reads): the path is {@code .gitlab-ci.yml}, relative like GitHub's, so that {@code workflows:} can name it.
     */
    static String workflowPath(String buildConfigUri, String repository, String ref) {
        // the Build Config URI is the workflow at the ref the run was for (GitHub's workflow_ref claim)
        String withoutRef = WorkflowUris.withoutRef(buildConfigUri, ref);
        if (repository.isEmpty() || withoutRef.isEmpty()) {
            return "";
        }
        if (withoutRef.startsWith(repository + "//")) {
            return withoutRef.substring(repository.length() + 2);
        }
        if (withoutRef.startsWith(repository + "/")) {
            return withoutRef.substring(repository.length() + 1);
        }
        return "";
    }

    private static String first(String preferred, String fallback) {
        return preferred.isEmpty() ? fallback : preferred;
    }

    /** ", issued by ISSUER", where the certificate names its OIDC issuer. */
    private static String issuerOf(X509Certificate leaf) {
        String issuer = first(v2(leaf, 8), v1(leaf, 1));
        return issuer.isEmpty() ? "" : ", issued by " + issuer;
    }

    /** The workflow identity: a URI; an e-mail address (a person's) is none. */
    private static String subjectAlternativeName(X509Certificate leaf) {
        try {
            var names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return "";
            }
            for (List<?> name : names) {
                // 6 = URI
                if (name.size() == 2 && Integer.valueOf(6).equals(name.get(0))) {
                    return String.valueOf(name.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            return "";
        }
        return "";
    }

    private static String v1(X509Certificate leaf, int field) {
        byte[] content = octets(leaf.getExtensionValue(ARC + field));
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }

    private static String v2(X509Certificate leaf, int field) {
        byte[] content = octets(leaf.getExtensionValue(ARC + field));
        if (content == null) {
            return "";
        }
        byte[] utf8 = derValue(content, 0x0C);
        return utf8 == null ? "" : new String(utf8, StandardCharsets.UTF_8);
    }

    /** The extension value arrives wrapped in an OCTET STRING. */
    private static byte[] octets(byte[] extensionValue) {
        return extensionValue == null ? null : derValue(extensionValue, 0x04);
    }

    /** The value of a single DER element with the expected tag, or null. */
    static byte[] derValue(byte[] der, int expectedTag) {
        if (der.length < 2 || (der[0] & 0xFF) != expectedTag) {
            return null;
        }
        int length = der[1] & 0xFF;
        int offset = 2;
        if (length > 0x7F) {
            int octets = length & 0x7F;
            if (octets > 3 || der.length < 2 + octets) {
                return null;
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = (length << 8) | (der[2 + i] & 0xFF);
            }
            offset += octets;
        }
        if (offset + length != der.length) {
            return null;
        }
        return Arrays.copyOfRange(der, offset, offset + length);
    }
}
