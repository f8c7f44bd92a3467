package io.github.npmprovenance.registry;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One configured registry: its base URL (always ending in {@code /}) and the credentials npm would send to it: a
 * token ({@code Authorization: Bearer}), else {@code basicAuth}, the base64 {@code user:password} of {@code _auth}
 * or of {@code username} and {@code _password} ({@code Authorization: Basic}); and the TLS client certificate npm
 * presents to it ({@code certfile} and {@code keyfile}), beside those or alone. {@link #toString()} shows none of them.
 */
public record Registry(URI baseUri, Optional<String> token, Optional<String> basicAuth,
        Optional<ClientCertificate> clientCertificate, Redaction redaction) {
    public static final URI PUBLIC_NPM = URI.create("https://registry.npmjs.org/");

    /**
     * @param redaction what {@code ${NAME}} expansion put into the URL's path, shown as {@code ${NAME}} wherever
     *     the registry is named ({@link #shown()}); not part of what the registry is ({@link #equals})
     */
    public Registry {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(basicAuth, "basicAuth");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(redaction, "redaction");
        baseUri = normalize(baseUri);
    }

    public Registry(URI baseUri, Optional<String> token, Optional<String> basicAuth,
            Optional<ClientCertificate> clientCertificate) {
        this(baseUri, token, basicAuth, clientCertificate, Redaction.NONE);
    }

    public Registry(URI baseUri, Optional<String> token, Optional<String> basicAuth) {
        this(baseUri, token, basicAuth, Optional.empty());
    }

    public Registry(URI baseUri, Optional<String> token) {
        this(baseUri, token, Optional.empty());
    }

    public static Registry of(String url) {
        return new Registry(URI.create(url), Optional.empty());
    }

    /**
     * Whether the URL holds {@code user:password@}, however it parses: a password holding {@code /}, {@code ?} or
     * {@code #} ends the authority early ({@code https://ci:2024/pass@host/} is host {@code ci}, port 2024, the
     * password in the path). An {@code @} is taken for one anywhere but where Azure Artifacts names a feed's view:
     * {@code feed@Release} right after a {@code _packaging} that is not the first segment, on a URL whose authority is
     * a host name alone (no port: {@code https://ci:/x/_packaging/pw@host/} has an empty one)
     * ({@code https://pkgs.dev.azure.com/org/_packaging/feed@Release/npm/registry/}); no other registry's URL holds
     * one (a scope goes in a package's URL, not the registry's).
     */
    public static boolean holdsCredentials(URI uri) {
        if (uri.getRawUserInfo() != null || contains(uri.getRawAuthority()) || contains(uri.getRawQuery())
                || contains(uri.getRawFragment())) {
            return true;
        }
        String[] segments = (uri.getRawPath() == null ? "" : uri.getRawPath()).split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            // Azure's shape: https://pkgs.dev.azure.com/org[/project]/_packaging/feed@view/..., no port
            boolean feedView = i >= 3 && segments[i - 1].equals("_packaging") && uri.getHost() != null
                    && uri.getHost().contains(".") && uri.getHost().equals(uri.getRawAuthority())
                    && segments[i].matches("[\\w.-]+@[\\w.-]+");
            if (contains(segments[i]) && !feedView) {
                return true;
            }
        }
        return uri.getRawPath() == null && contains(uri.getRawSchemeSpecificPart());
    }

    private static boolean contains(String part) {
        return part != null && part.indexOf('@') >= 0;
    }

    static URI normalize(URI uri) {
        if (holdsCredentials(uri)) {
            // the base URL is printed (report, messages): user:password@ in it would be too; not quoted here either
            throw new IllegalArgumentException("a registry URL must not hold credentials");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("a registry must be an http(s) URL with a host: " + uri);
        }
        // scheme and host in lower case, no default port, as npm's WHATWG URL has them: one registry, one base URL
        // (the public registry's embedded keys are pinned to it, the cache is keyed by it)
        String lowerScheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || lowerScheme.equals("https") && port == 443
                || lowerScheme.equals("http") && port == 80;
        String text = lowerScheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + withoutDotSegments(uri.getRawPath());
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /**
     * The path with its {@code .} and {@code ..} segments (also written {@code %2e}) resolved, as npm's WHATWG URL
     * has it: requests for {@code /private/../public/} go to {@code /public/}, so that is the registry, and the
     * path its token is chosen for.
     */
    private static String withoutDotSegments(String rawPath) {
        List<String> kept = new ArrayList<>();
        String[] segments = (rawPath == null ? "" : rawPath).split("/", -1);
        // segments[0] is what precedes the leading slash
        for (int i = 1; i < segments.length; i++) {
            String dots = segments[i].toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (dots.equals("..")) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
            } else if (!dots.equals(".")) {
                kept.add(segments[i]);
            }
        }
        return "/" + String.join("/", kept);
    }

    /** {@code scheme://host[:port]}, the only origin requests for this registry may go to. */
    public String origin() {
        return baseUri.getScheme() + "://" + baseUri.getRawAuthority();
    }

    /**
     * Resolves a path relative to the registry's base URL. Paths are built by us from validated names, never
     * taken from registry documents or lockfiles, so requests stay on this registry.
     */
    public URI resolve(String relativePath) {
        if (relativePath.startsWith("/") || relativePath.contains("://") || hasDotSegment(relativePath)) {
            throw new IllegalArgumentException("not a registry-relative path: " + relativePath);
        }
        URI resolved = baseUri.resolve(relativePath);
        if (!(resolved.getScheme() + "://" + resolved.getRawAuthority()).equals(origin())) {
            throw new IllegalArgumentException("path leaves the registry: " + relativePath);
        }
        return resolved;
    }

    /** {@code .} or {@code ..} as a whole segment; inside a segment they are legal (the npm name {@code a..b}). */
    private static boolean hasDotSegment(String path) {
        for (String segment : path.split("[/?#]", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The base URL with the one trailing dot of a fully qualified host name left out: {@code registry.npmjs.org.}
     * is the host {@code registry.npmjs.org}, so the same known registry, its keys pinned (else a {@code .npmrc}
     * naming it so would escape them). Only for that: npm keys credentials by the name as written
     * ({@code //registry.npmjs.org./:_authToken} is another setting), and requests go to it as written.
     */
    public URI hostUri() {
        String host = baseUri.getHost();
        if (!host.endsWith(".") || host.endsWith("..")) {
            return baseUri;
        }
        String text = baseUri.toString();
        int start = baseUri.getScheme().length() + "://".length();
        return URI.create(text.substring(0, start + host.length() - 1) + text.substring(start + host.length()));
    }

    /**
     * Whether the registry is on this machine ({@code localhost}, {@code *.localhost}, {@code 127.x.x.x},
     * {@code [::1]}; no name is looked up).
     */
    public boolean isOnThisMachine() {
        return NpmProxy.isLoopback(baseUri.getHost());
    }

    /**
     * The registry as reports and messages name it: its base URL, with {@code ${NAME}} in its path for what expansion
     * put there; or, where that cannot be told apart (a variable holding the whole URL), the URL as written.
     */
    public String shown() {
        if (redaction.isNone()) {
            return baseUri.toString();
        }
        return redaction.inPath(baseUri.getRawAuthority(), baseUri.getRawPath())
                .map(path -> baseUri.getScheme() + "://" + baseUri.getRawAuthority() + path)
                .orElse(redaction.written());
    }

    /**
     * A credential prefix of this registry ({@code //host/path/}), as messages name it: as {@link #shown()} names
     * the registry.
     */
    public String shownPrefix(String prefix) {
        if (redaction.isNone()) {
            return prefix;
        }
        String authority = baseUri.getRawAuthority();
        String path = baseUri.getRawPath();
        Optional<String> shownPath = redaction.inPath(authority, path);
        if (shownPath.isEmpty()) {
            return redaction.written().replaceFirst("^(?i)https?:", "");
        }
        // a shorter prefix (a certificate set for the host) that ends before any value is shown as it is
        String whole = "//" + authority + path;
        boolean beforeValues = whole.startsWith(prefix)
                && prefix.length() - 2 - authority.length() <= redaction.firstIndexIn(path);
        return beforeValues ? prefix : "//" + authority + shownPath.get();
    }

    /** The path, to name folders after, where nothing in it came from a variable; else "". */
    public String pathForNames() {
        return redaction.isNone() ? baseUri.getRawPath() : "";
    }

    /** One registry, however its URL was written. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Registry that && baseUri.equals(that.baseUri) && token.equals(that.token)
                && basicAuth.equals(that.basicAuth) && clientCertificate.equals(that.clientCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(baseUri, token, basicAuth, clientCertificate);
    }

    @Override
    public String toString() {
        return shown() + (token.isPresent() ? " (with token)" : basicAuth.isPresent() ? " (with credentials)" : "")
                + (clientCertificate.isPresent() ? " (with client certificate)" : "");
    }
}
