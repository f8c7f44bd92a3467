package io.github.npmprovenance.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What npm sends a registry: its token, else {@code basicAuth}, the base64 {@code user:password}; and, beside
 * either or alone, the TLS client certificate of {@code certfile} and {@code keyfile}.
 */
record RegistryCredentials(Optional<String> token, Optional<String> basicAuth,
        Optional<ClientCertificate> clientCertificate) {
    static final RegistryCredentials NONE = new RegistryCredentials(Optional.empty(), Optional.empty(),
            Optional.empty());

    /**
     * npm's "nerf dart" match, as npm-registry-fetch does it: of the registry's {@link #nerfDarts}, the longest
     * that has credentials of any kind decides, so {@code //host/path:_authToken} counts as well as
     * {@code //host/path/:_authToken}, and a token for {@code //host/a} never reaches {@code //host/ab/}. At that
     * prefix npm sends the token ({@code Authorization: Bearer}), else {@code _auth}, else {@code username} with the
     * base64-decoded {@code _password}, both as {@code Authorization: Basic}; and, with any of them or alone, the
     * client certificate of {@code certfile} and {@code keyfile} (both needed) set at that same prefix. A client
     * certificate alone decides too, and npm then sends no shorter prefix's token there, nor a shorter prefix's
     * certificate beside a longer prefix's token.
     *
     * @param directory npm's working directory, which a relative {@code certfile} and {@code keyfile} are read from
     */
    static RegistryCredentials of(URI registry, Map<String, String> settings, Path directory) {
        for (String candidate : nerfDarts(registry)) {
            String certfile = settings.get(candidate + ":certfile");
            String keyfile = settings.get(candidate + ":keyfile");
            Optional<ClientCertificate> certificate = present(certfile) && present(keyfile)
                    ? Optional.of(new ClientCertificate(candidate, certfile.trim(), keyfile.trim(), directory))
                    : Optional.empty();
            String token = settings.get(candidate + ":_authToken");
            if (present(token)) {
                return new RegistryCredentials(Optional.of(token), Optional.empty(), certificate);
            }
            String auth = settings.get(candidate + ":_auth");
            if (present(auth)) {
                return new RegistryCredentials(Optional.empty(), Optional.of(auth), certificate);
            }
            String username = settings.get(candidate + ":username");
            String password = settings.get(candidate + ":_password");
            if (present(username) && present(password)) {
                String pair = username + ":" + decodeBase64AsNode(password);
                return new RegistryCredentials(Optional.empty(),
                        Optional.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))),
                        certificate);
            }
            if (certificate.isPresent()) {
                return new RegistryCredentials(Optional.empty(), Optional.empty(), certificate);
            }
        }
        return NONE;
    }

    /**
     * The prefixes npm looks up a registry's credentials under, longest first: {@code //host[:port]/path/} of its
     * URL (host lower-case, the scheme's default port left out, as a WHATWG URL has them, and as
     * {@link Registry#normalize} spells every registry), then each step dropping either the trailing slash or the
     * last segment.
     */
    static List<String> nerfDarts(URI registry) {
        URI base = Registry.normalize(registry);
        String candidate = "//" + base.getRawAuthority() + base.getRawPath();
        List<String> prefixes = new ArrayList<>();
        while (candidate.length() > "//".length()) {
            prefixes.add(candidate);
            candidate = candidate.endsWith("/") ? candidate.substring(0, candidate.length() - 1)
                    : candidate.substring(0, candidate.lastIndexOf('/') + 1);
        }
        return prefixes;
    }

    /**
     * {@code _password} is stored base64-encoded; Node's decoder, which npm uses, accepts the URL-safe alphabet too
     * and skips what is not base64 (padding, white space) rather than failing.
     */
    private static String decodeBase64AsNode(String encoded) {
        String digits = encoded.replace('-', '+').replace('_', '/').replaceAll("[^A-Za-z0-9+/]", "");
        if (digits.length() % 4 == 1) {
            // six bits make no byte
            digits = digits.substring(0, digits.length() - 1);
        }
        return new String(Base64.getDecoder().decode(digits), StandardCharsets.UTF_8);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
