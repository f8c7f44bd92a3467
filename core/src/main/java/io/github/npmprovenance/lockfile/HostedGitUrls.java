package io.github.npmprovenance.lockfile;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The http(s) URLs npm takes for a git repository, not a tarball. npm-package-arg asks hosted-git-info before it
 * reads a spec as a URL, and hosted-git-info knows repository URLs on a few hosts by their path alone: npm then
 * clones (or downloads the host's archive of) that repository, and pacote drops the lockfile's integrity for git
 * dependencies. So {@code https://bitbucket.org/someone/x/-/x-1.0.0.tgz} is a repository to npm however much it
 * looks like a registry tarball, and nothing pins what gets installed from it.
 *
 * <p>The URL is read as WHATWG URL reads it (tabs and line breaks dropped, backslashes as slashes, dot segments
 * resolved, the host lower-cased and IDNA-mapped). hosted-git-info accepts http:// on github.com alone: elsewhere
 * npm downloads an http URL as a tarball, against the lockfile's integrity, so it is not a repository here either
 * (read as one, it would be SKIPPED, and a pull request could swap a registry tarball for its own, with its own
 * integrity, by writing it as http://bitbucket.org/…).
 */
final class HostedGitUrls {
    private static final Pattern TAB_OR_LINE_BREAK = Pattern.compile("[\\t\\n\\r]");
    /** A host name as most URLs write it, which needs neither percent-decoding nor IDNA mapping. */
    private static final Pattern PLAIN_HOST = Pattern.compile("[A-Za-z0-9.-]+");

    /** JavaScript's {@code \\s}. */
    private static final Pattern JS_WHITESPACE = Pattern.compile(
            "[\\t\\n\\u000B\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF]");
    /**
     * hosted-git-info's hosts, each with its test of the path's segments ({@code ""} first, as split gives). Only
     * the released ones: Codeberg is not among them (npm/hosted-git-info#341 is unmerged), and codeberg.org serves
     * Forgejo npm registries whose tarballs npm downloads against the integrity.
     */
    private static final Map<String, Predicate<String[]>> HOSTS = Map.of(
            "github.com", s -> (segment(s, 3).isEmpty() || segment(s, 3).equals("tree")) && userAndProject(s),
            "bitbucket.org", s -> !segment(s, 3).equals("get") && userAndProject(s),
            "gitlab.com", HostedGitUrls::gitlab,
            "gist.github.com", s -> !segment(s, 3).equals("raw") && !(segment(s, 1) + segment(s, 2)).isEmpty(),
            "git.sr.ht", s -> !segment(s, 3).equals("archive") && userAndProject(s));

    private HostedGitUrls() {
    }

    /** True when npm reads this http(s) URL (scheme already lower case) as a hosted git repository. */
    static boolean isRepository(String url) {
        String spec = TAB_OR_LINE_BREAK.matcher(url).replaceAll("").trim();
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? "" : spec.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        int start = colon + 1;
        while (start < spec.length() && (spec.charAt(start) == '/' || spec.charAt(start) == '\\')) {
            start++;
        }
        int authorityEnd = indexOfAny(spec, start, "/\\?#");
        String authority = spec.substring(start, authorityEnd);
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostAndPort.startsWith("[")) {
            return false;
        }
        int port = hostAndPort.indexOf(':');
        String host = host(port < 0 ? hostAndPort : hostAndPort.substring(0, port));
        String name = host.startsWith("www.") ? host.substring(4) : host;
        Predicate<String[]> repository = HOSTS.get(name);
        if (repository == null || scheme.equals("http") && !name.equals("github.com")) {
            return false;
        }
        String path = spec.substring(authorityEnd, indexOfAny(spec, authorityEnd, "?#")).replace('\\', '/');
        return repository.test(withoutDotSegments(path).split("/", -1));
    }

    /**
     * True for hosted-git-info's GitHub shorthand, {@code user/repo} or {@code user/repo#committish}: a slash,
     * no second one, and no space, {@code @} or {@code :} before any {@code #}. npm-package-arg tests for a local
     * path first.
     */
    static boolean isGitHubShorthand(String spec) {
        int hash = spec.indexOf('#');
        int slash = spec.indexOf('/');
        int secondSlash = slash < 0 ? -1 : spec.indexOf('/', slash + 1);
        Matcher space = JS_WHITESPACE.matcher(spec);
        return slash > 0 && onlyAfter(secondSlash, hash) && onlyAfter(spec.indexOf('@'), hash)
                && onlyAfter(spec.indexOf(':'), hash) && onlyAfter(space.find() ? space.start() : -1, hash)
                && !(hash < 0 ? spec.endsWith("/") : hash > 0 && spec.charAt(hash - 1) == '/')
                && !spec.startsWith(".");
    }

    /** Absent, or after the {@code #}. */
    private static boolean onlyAfter(int index, int hash) {
        return index < 0 || hash >= 0 && index > hash;
    }

    /** A host as WHATWG URL compares it: percent-decoded, IDNA-mapped (full-width letters, case), lower case. */
    private static String host(String raw) {
        // the lockfile's every registry tarball URL comes here: the common case stays cheap
        if (PLAIN_HOST.matcher(raw).matches()) {
            return raw.toLowerCase(Locale.ROOT);
        }
        String decoded = percentDecode(raw);
        try {
            return IDN.toASCII(decoded, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return decoded.toLowerCase(Locale.ROOT);
        }
    }

    private static String percentDecode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /** The path with {@code .} and {@code ..} segments (also percent-encoded) resolved, as WHATWG URL does. */
    private static String withoutDotSegments(String path) {
        List<String> segments = new ArrayList<>();
        String[] parts = path.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].toLowerCase(Locale.ROOT).replace("%2e", ".");
            boolean last = i == parts.length - 1;
            if (part.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.remove(segments.size() - 1);
                }
                if (last) {
                    segments.add("");
                }
            } else if (part.equals(".")) {
                if (last) {
                    segments.add("");
                }
            } else {
                segments.add(parts[i]);
            }
        }
        return "/" + String.join("/", segments);
    }

    private static int indexOfAny(String text, int from, String characters) {
        for (int i = from; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** The i-th piece of the path split on {@code /}, or {@code ""} when there is none. */
    private static String segment(String[] segments, int i) {
        return i < segments.length ? segments[i] : "";
    }

    private static boolean userAndProject(String[] segments) {
        return !segment(segments, 1).isEmpty() && !withoutGitSuffix(segment(segments, 2)).isEmpty();
    }

    /** GitLab's projects nest in groups: the last segment is the project, the rest the user or group. */
    private static boolean gitlab(String[] segments) {
        String path = String.join("/", Arrays.asList(segments).subList(1, segments.length));
        if (path.contains("/-/") || path.contains("/archive.tar.gz")) {
            return false;
        }
        int last = path.lastIndexOf('/');
        return last > 0 && !withoutGitSuffix(path.substring(last + 1)).isEmpty();
    }

    private static String withoutGitSuffix(String project) {
        return project.endsWith(".git") ? project.substring(0, project.length() - 4) : project;
    }
}
