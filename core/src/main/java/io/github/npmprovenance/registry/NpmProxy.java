package io.github.npmprovenance.registry;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * npm's proxy settings, as npm 10 and 11 pass them to {@code @npmcli/agent}.
 *
 * @param configured {@code https-proxy}, else {@code proxy}, from npm's configuration: npm-registry-fetch passes
 *     {@code httpsProxy || proxy} for every request, http:// or https://
 * @param httpsProxyEnv {@code https_proxy} (or {@code HTTPS_PROXY}): the agent's choice when nothing is configured
 * @param httpProxyEnv {@code http_proxy}: only for http:// URLs, after {@code https_proxy}
 * @param proxyEnv {@code proxy}: only for http:// URLs, last
 * @param noProxy {@code noproxy} from npm's configuration, else {@code no_proxy}
 */
record NpmProxy(Optional<NpmrcReader.Setting> configured, Optional<NpmrcReader.Setting> httpsProxyEnv,
        Optional<NpmrcReader.Setting> httpProxyEnv, Optional<NpmrcReader.Setting> proxyEnv,
        Optional<NpmrcReader.Setting> noProxy) {
    /** {@code [ipv6]} or a host without the code points a URL's host forbids, then an optional port. */
    private static final java.util.regex.Pattern HOST_PORT = java.util.regex.Pattern.compile(
            "(?:\\[([0-9A-Fa-f:.]+)]|([^\\s\\p{Cntrl}#%/:<>?@\\[\\\\\\]^|]+))(?::([0-9]*))?");
    private static final java.util.regex.Pattern LOOPBACK_V4 = java.util.regex.Pattern.compile(
            "127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    /**
     * The proxy settings npm has: {@code https-proxy}, else {@code proxy}, and {@code noproxy} as its configuration
     * has them (the environment's {@code npm_config_*}, else the files'); the variables {@code @npmcli/agent} reads
     * for what those leave unset.
     */
    static NpmProxy of(Map<String, NpmrcReader.Setting> files, NpmrcEnvironment environment) {
        Optional<NpmrcReader.Setting> configured = proxySetting(environment.setting("https-proxy", files))
                .or(() -> proxySetting(environment.setting("proxy", files)));
        Optional<NpmrcReader.Setting> noProxy = environment.setting("noproxy", files)
                .filter(s -> !s.value().isBlank()).or(() -> agentVariable("no_proxy", environment));
        return new NpmProxy(configured, agentVariable("https_proxy", environment),
                agentVariable("http_proxy", environment), agentVariable("proxy", environment), noProxy);
    }

    /** {@code proxy=false} (which npm allows, to override a lower level) and {@code null} are no proxy. */
    private static Optional<NpmrcReader.Setting> proxySetting(Optional<NpmrcReader.Setting> setting) {
        return setting.filter(s -> !List.of("", "false", "null").contains(IniText.jsTrim(s.value())));
    }

    /**
     * {@code @npmcli/agent} reads these in any case; an empty one is not set. Where both spellings are set npm's
     * choice follows the environment's order, which Java cannot see: the lower-case one, as curl reads, is taken.
     */
    private static Optional<NpmrcReader.Setting> agentVariable(String lowerCaseName, NpmrcEnvironment environment) {
        for (String name : List.of(lowerCaseName, lowerCaseName.toUpperCase(Locale.ROOT))) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new NpmrcReader.Setting(value, name));
            }
        }
        return Optional.empty();
    }

    /** The setting npm would take the proxy from for this URL, if any. */
    Optional<NpmrcReader.Setting> settingFor(URI uri) {
        Optional<NpmrcReader.Setting> proxy = configuredFor(uri);
        if (proxy.isEmpty() || isLoopback(uri.getHost())
                || noProxy.map(n -> bypasses(uri.getHost(), n.value())).orElse(false)) {
            return Optional.empty();
        }
        return proxy;
    }

    /** The proxy setting npm has for URLs of this scheme, before {@code noproxy} and the loopback rule. */
    private Optional<NpmrcReader.Setting> configuredFor(URI uri) {
        return configured.isPresent() ? configured
                : uri.getScheme().equalsIgnoreCase("https") ? httpsProxyEnv
                : httpsProxyEnv.or(() -> httpProxyEnv).or(() -> proxyEnv);
    }

    /**
     * A registry on this machine is reached directly, as Java's default {@code http.nonProxyHosts} has it for
     * {@code localhost}, {@code 127.*} and {@code [::1]} (npm's agent
     * would send it to the proxy too): a remote proxy cannot reach it, and a CI machine's proxy variables, set for
     * its downloads, must not break a registry served on loopback.
     */
    static boolean isLoopback(String host) {
        String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]")
                || LOOPBACK_V4.matcher(name).matches();
    }

    /**
     * Decides once for each registry's origin; an unusable proxy fails here, naming its setting.
     *
     * @param java Java's own proxy selector ({@code -Dhttps.proxyHost} and the like), which {@code java.net.http}
     *     followed before npm's settings were read: it still decides where npm has no proxy for the scheme at all
     */
    ProxyRoutes routes(Collection<Registry> registries, Optional<ProxySelector> java) throws NpmrcException {
        return routes(registries, java, Optional.empty());
    }

    /**
     * @param authorities the {@code ca} or {@code cafile} setting whose certificates replace the JVM's, if any: a
     *     proxy that the project's {@code .npmrc} names, with authorities it names too, can present a certificate
     *     for any host and read what goes through its tunnel, credentials included
     */
    ProxyRoutes routes(Collection<Registry> registries, Optional<ProxySelector> java,
            Optional<NpmrcReader.Setting> authorities) throws NpmrcException {
        Map<String, Optional<ProxyServer>> routes = new LinkedHashMap<>();
        for (Registry registry : registries) {
            URI base = registry.baseUri();
            Optional<NpmrcReader.Setting> setting = settingFor(base);
            Optional<ProxyServer> proxy = Optional.empty();
            if (configuredFor(base).isEmpty()) {
                proxy = java.flatMap(selector -> javaProxy(selector, base));
            } else if (setting.isPresent()) {
                if (setting.get().fromProject() && base.getScheme().equals("http")
                        && (registry.token().isPresent() || registry.basicAuth().isPresent())) {
                    // over http:// the proxy reads the Authorization header; the project's .npmrc is the pull
                    // request's in CI, and may not choose who sees a token it could not send to a registry of its own
                    throw new NpmrcException(setting.get().origin() + ": a proxy named by the project's .npmrc "
                            + "would see in clear the credentials sent to " + registry.origin() + " (http://); name "
                            + "the proxy in the user's .npmrc or the environment, or use the registry over https://");
                }
                if (setting.get().fromProject() && base.getScheme().equals("https")
                        && (registry.token().isPresent() || registry.basicAuth().isPresent()
                                || registry.clientCertificate().isPresent())
                        && authorities.filter(NpmrcReader.Setting::fromProject).isPresent()) {
                    // the tunnel protects the credentials only from a proxy that cannot pass for the registry, to
                    // which a client certificate would be presented too
                    throw new NpmrcException(setting.get().origin() + ": a proxy named by the project's .npmrc "
                            + "could read the credentials sent to " + registry.origin() + ", as the certificate "
                            + "authorities trusted come from the project's .npmrc too (" + authorities.get().origin()
                            + "); name the proxy or the authorities in the user's .npmrc or the environment");
                }
                proxy = Optional.of(parse(setting.get()));
                boolean tunnel = base.getScheme().equals("https");
                if (proxy.get().basicCredentials().isPresent() && ProxyAuthentication.basicDisabled(tunnel)) {
                    // sent without them, the requests would fail with 407, or go through a proxy that lets them
                    // pass without the identity the user configured; refused instead, the credentials unnamed
                    throw new NpmrcException(setting.get().origin() + ": the proxy's user and password would be "
                            + "dropped by this Java runtime for " + registry.origin() + " (Basic is in "
                            + ProxyAuthentication.property(tunnel) + "); the npm-provenance command and action "
                            + "enable it, elsewhere start Java with -D" + ProxyAuthentication.property(tunnel) + "=");
                }
            }
            routes.put(registry.origin(), proxy);
        }
        return new ProxyRoutes(routes);
    }

    /**
     * What Java's selector chooses, as {@code java.net.http} takes it: the first proxy, if it is an HTTP one (the
     * client ignores SOCKS). Without credentials: Java has no standard property for them.
     */
    private static Optional<ProxyServer> javaProxy(ProxySelector selector, URI uri) {
        List<Proxy> choice = selector.select(uri);
        if (choice == null || choice.isEmpty() || choice.get(0).type() != Proxy.Type.HTTP
                || !(choice.get(0).address() instanceof InetSocketAddress address)) {
            return Optional.empty();
        }
        return Optional.of(new ProxyServer(address.getHostString(), address.getPort(), Optional.empty(),
                "Java's proxy settings (" + uri.getScheme() + ".proxyHost)"));
    }

    /**
     * {@code @npmcli/agent}'s rule: entries are separated by commas; an entry matches a host that ends with all of
     * its dot-separated labels, compared as written with the URL's lower-case host, empty labels (a leading dot)
     * ignored. So {@code example.com} and {@code .example.com} both match {@code example.com} and
     * {@code a.example.com}, never {@code badexample.com}; npm has no wildcard ({@code *} and {@code *.corp}
     * match nothing) and an entry with a port matches nothing.
     */
    static boolean bypasses(String host, String noProxy) {
        List<String> hostLabels = reversedLabels(host.toLowerCase(Locale.ROOT));
        return Arrays.stream(noProxy.split(",")).map(IniText::jsTrim).filter(e -> !e.isEmpty()).anyMatch(entry -> {
            List<String> labels = reversedLabels(entry).stream().filter(l -> !l.isEmpty()).toList();
            return !labels.isEmpty() && labels.size() <= hostLabels.size()
                    && labels.equals(hostLabels.subList(0, labels.size()));
        });
    }

    private static List<String> reversedLabels(String name) {
        List<String> labels = new java.util.ArrayList<>(List.of(name.split("\\.", -1)));
        java.util.Collections.reverse(labels);
        return labels;
    }

    /**
     * A proxy URL as npm's agents take it: {@code http://[user[:password]@]host[:port]}, port 80 by default, user
     * and password percent-decoded. The messages name the setting, never the value: it may hold a password.
     */
    static ProxyServer parse(NpmrcReader.Setting setting) throws NpmrcException {
        String value = IniText.jsTrim(setting.value());
        String scheme = value.contains(":") ? value.substring(0, value.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (scheme.equals("https")) {
            throw new NpmrcException(setting.origin() + ": a proxy reached over TLS (https://) is not supported; "
                    + "give its http:// address");
        }
        if (scheme.startsWith("socks")) {
            throw new NpmrcException(setting.origin() + ": SOCKS proxies are not supported; give an http:// proxy");
        }
        if (!scheme.equals("http") || !value.regionMatches(true, 0, "http://", 0, "http://".length())) {
            throw new NpmrcException(setting.origin() + ": not a proxy URL (npm needs the scheme: http://host:port)");
        }
        String rest = value.substring("http://".length());
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            end = rest.indexOf(c) >= 0 ? Math.min(end, rest.indexOf(c)) : end;
        }
        String authority = rest.substring(0, end);
        // as a WHATWG URL reads it: the last @ ends the user information, so a password may hold an @
        int at = authority.lastIndexOf('@');
        String hostPort = authority.substring(at + 1);
        // read as a WHATWG URL reads it (java.net.URI has no host for a name with "_"), IPv6 in brackets
        java.util.regex.Matcher parts = HOST_PORT.matcher(hostPort);
        int port = 80;
        if (parts.matches() && parts.group(3) != null && !parts.group(3).isEmpty()) {
            port = parts.group(3).length() > 5 ? -1 : Integer.parseInt(parts.group(3));
        }
        if (!parts.matches() || port < 1 || port > 65535) {
            throw new NpmrcException(setting.origin() + ": not a valid proxy URL (no host, or a bad port)");
        }
        String host = parts.group(1) != null ? parts.group(1) : parts.group(2);
        Optional<String> credentials = Optional.empty();
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String password = colon < 0 ? "" : userInfo.substring(colon + 1);
            String pair = percentDecoded(user, setting) + ":" + percentDecoded(password, setting);
            credentials = Optional.of(Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return new ProxyServer(host, port, credentials, setting.origin());
    }

    /** JavaScript's {@code decodeURIComponent}, which npm's agents apply: {@code +} stays, a bad escape fails. */
    private static String percentDecoded(String text, NpmrcReader.Setting setting) throws NpmrcException {
        try {
            // URLDecoder reads + as a space, as forms do; decodeURIComponent keeps it
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new NpmrcException(setting.origin() + ": the proxy URL's user or password has a bad % escape");
        }
    }
}
