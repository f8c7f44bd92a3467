package io.github.npmprovenance.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificates of a PEM bundle, such as npm's {@code cafile} or {@code ca}: every {@code -----BEGIN CERTIFICATE-----} block,
 * whatever text lies between them (the comments of curl's and the distributions' bundles), as OpenSSL reads a
 * bundle for Node.
 */
final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    private static final int FILE_LIMIT = 16 * 1024 * 1024;

    private PemCertificates() {
    }

    static List<Certificate> read(Path file) throws IOException, CertificateException {
        return read(file, false);
    }

    /** The certificates before the first block that is not one, as Node loads {@code NODE_EXTRA_CA_CERTS}. */
    static List<Certificate> readLeading(Path file) throws IOException {
        try {
            return read(file, true);
        } catch (CertificateException e) {
            // only the factory can fail here: every JVM has one for X.509
            throw new IllegalStateException("no X.509 certificate factory", e);
        }
    }

    /** The certificates of PEM text, such as npm's {@code ca} setting: every block must be one. */
    static List<Certificate> parse(String text) throws CertificateException {
        return parse(text, false);
    }

    private static List<Certificate> read(Path file, boolean stopAtBroken) throws IOException, CertificateException {
        // the project's .npmrc names the file: /dev/zero would be read until the heap runs out, a pipe waited on
        if (!Files.isRegularFile(file)) {
            throw new IOException("not a regular file (a directory, device or pipe), so not a bundle of certificates");
        }
        byte[] bytes = BoundedFiles.read(file, FILE_LIMIT).orElseThrow(() -> new IOException("larger than "
                + FILE_LIMIT / (1024 * 1024) + " MiB, far more than any bundle of certificates (the operating "
                + "systems' hold a few hundred KiB)"));
        return parse(new String(bytes, StandardCharsets.ISO_8859_1), stopAtBroken);
    }

    private static List<Certificate> parse(String text, boolean stopAtBroken) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<Certificate> certificates = new ArrayList<>();
        int begin = text.indexOf(BEGIN);
        while (begin >= 0) {
            int end = text.indexOf(END, begin);
            if (end < 0) {
                if (stopAtBroken) {
                    break;
                }
                throw new CertificateException("a certificate begins at character " + begin + " and does not end");
            }
            byte[] block = text.substring(begin, end + END.length()).getBytes(StandardCharsets.ISO_8859_1);
            try {
                certificates.add(factory.generateCertificate(new ByteArrayInputStream(block)));
            } catch (CertificateException e) {
                if (stopAtBroken) {
                    break;
                }
                // not the parser's message: it quotes the text (an "Illegal footer" is the rest of its line), which
                // a ca setting can expand from a variable holding a secret
                throw new CertificateException("the certificate that begins at character " + begin
                        + " is not a valid X.509 certificate");
            }
            begin = text.indexOf(BEGIN, end);
        }
        return certificates;
    }
}
