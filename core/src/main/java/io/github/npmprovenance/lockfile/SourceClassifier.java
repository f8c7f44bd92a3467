package io.github.npmprovenance.lockfile;

import static io.github.npmprovenance.lockfile.EntryFields.flag;
import static io.github.npmprovenance.lockfile.EntryFields.text;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an entry's content comes from (registry, git, file, link, remote tarball or a dependency's bundle), read
 * from its "resolved" and "version" the way npm-package-arg and hosted-git-info read a spec.
 */
final class SourceClassifier {
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    // npm-package-arg's tests, in its order: a path, a tarball, a URL, scp-like git
    private static final Pattern FILE_PATH = Pattern.compile("[.]|~/|/|[a-zA-Z]:");
    // (JavaScript's $ is the very end, and its . stops only at \n, \r, U+2028 and U+2029)
    private static final Pattern TARBALL = Pattern.compile("[.](?:tgz|tar\\.gz|tar)\\z", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("(?:git[+])?[a-z]+:", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCP_GIT =
            Pattern.compile("[^@]+@[^:.]+\\.[^:]+:[^\n\r\u2028\u2029]+", Pattern.CASE_INSENSITIVE);

    private SourceClassifier() {
    }

    /**
     * @param realName the package's name, an alias's target for a v1 alias
     * @param realVersion its version, an alias's for a v1 alias
     * @param resolved what npm installs from: the entry's resolved as {@link #withoutNpaName} keeps it
     */
    static SourceKind classify(RawEntry entry, String realName, String realVersion, Optional<String> resolved,
            Bundles bundles) {
        boolean legacy = entry.legacy();
        // the flag alone is a claim npm does not believe: an entry is left to a tarball only when npm's own
        // reading of the tree puts it in a dependency's bundle; otherwise npm fetches it, and so we verify it
        if (entry.claimsBundled() && bundles.inDependencyBundle(entry.location())) {
            return SourceKind.BUNDLED;
        }
        if (flag(entry.fields(), "link") || legacy && realVersion.startsWith("link:")) {
            return SourceKind.LINK;
        }
        // v1 writes non-registry specs into "version"; v2+ into "resolved", and npm fetches
        // name@resolved whatever the version says (the version only when there is no resolved): a v2+
        // "version" of file:, link: or git never keeps a registry tarball from being fetched
        String spec = lowerCaseScheme(resolved.orElse(realVersion));
        // v1 without an integrity: npm takes the version only for git, else the resolved (arborist's specFromLock),
        // so "version": "file:vendor/x" beside a resolved URL is a download from that URL
        boolean versionDecides = legacy && (text(entry.fields(), "integrity").isPresent() || resolved.isEmpty()
                || isGit(lowerCaseScheme(realVersion)));
        String written = versionDecides ? lowerCaseScheme(realVersion) : spec;
        if (written.startsWith("file:") || spec.startsWith("file:")) {
            return SourceKind.FILE;
        }
        if (isGit(written) || isGit(spec)) {
            return SourceKind.GIT;
        }
        if (spec.startsWith("http://") || spec.startsWith("https://")) {
            return isRegistryTarball(realName, spec) ? SourceKind.REGISTRY : SourceKind.REMOTE_TARBALL;
        }
        if (resolved.isPresent() && !isRegistrySpec(spec)) {
            // a folder or tarball path, or a scheme npm cannot fetch
            return SourceKind.FILE;
        }
        // npm fetches name@resolved: an empty resolved falls back to name@version, and a version, range, tag
        // or alias resolved is fetched from the registry, against the lockfile's integrity
        return SourceKind.REGISTRY;
    }

    /**
     * A resolved as arborist keeps it when it loads the lockfile: consistentResolve reads it with
     * npm-package-arg, which takes {@code name@spec} for a package name and its spec, and keeps the spec
     * ({@code foo@file:.} is the folder {@code .}, {@code foo@github:u/r} a repository, {@code @s/foo@1.0.0}
     * the version 1.0.0). A URL, scp-like git and a path or tarball before the {@code @} are kept whole, as
     * npm-package-arg reads them first; so is an empty or {@code *} spec, which consistentResolve gives back as
     * written.
     */
    static String withoutNpaName(String resolved) {
        int at = resolved.indexOf('@', 1);
        if (at <= 0 || URL.matcher(resolved).lookingAt() || SCP_GIT.matcher(resolved).matches()) {
            return resolved;
        }
        String namePart = resolved.substring(0, at);
        if (!namePart.startsWith("@") && (namePart.contains("/") || TARBALL.matcher(namePart).find())) {
            return resolved;
        }
        String spec = resolved.substring(at + 1);
        return spec.isEmpty() || spec.equals("*") ? resolved : spec;
    }

    /** npm-package-arg matches a scheme in any case, and the URL it parses lower-cases it: so do we. */
    static String lowerCaseScheme(String spec) {
        Matcher scheme = SCHEME.matcher(spec);
        return scheme.lookingAt()
                ? scheme.group().toLowerCase(Locale.ROOT) + spec.substring(scheme.end())
                : spec;
    }

    private static boolean isGit(String spec) {
        return spec.startsWith("git+") || spec.startsWith("git:") || spec.startsWith("git@")
                || spec.startsWith("github:") || spec.startsWith("gitlab:") || spec.startsWith("bitbucket:")
                || spec.startsWith("gist:") || spec.startsWith("sourcehut:")
                // user/repo is a GitHub repository to hosted-git-info, unless npm reads it as a path first
                || !FILE_PATH.matcher(spec).lookingAt() && HostedGitUrls.isGitHubShorthand(spec)
                // scp-like only when it is no URL: npm-package-arg tests for a URL first, so
                // https://user@host.tld:8443/... is downloaded over https, not cloned
                || !URL.matcher(spec).lookingAt() && SCP_GIT.matcher(spec).matches()
                // and before a URL, hosted-git-info: an https URL of a repository on a git host is cloned
                || (spec.startsWith("http://") || spec.startsWith("https://")) && HostedGitUrls.isRepository(spec);
    }

    /** What npm-package-arg reads as a registry spec (version, range, tag, alias), not a path or a URL. */
    private static boolean isRegistrySpec(String spec) {
        if (spec.regionMatches(true, 0, "npm:", 0, 4) || spec.regionMatches(true, 0, "jsr:", 0, 4)) {
            return true;
        }
        return !FILE_PATH.matcher(spec).lookingAt() && !spec.contains("/") && !TARBALL.matcher(spec).find()
                && !URL.matcher(spec).lookingAt();
    }

    /** A registry tarball lives at {@code <registry>/<name>/-/<file>.tgz}; anything else is a remote URL. */
    private static boolean isRegistryTarball(String realName, String url) {
        String withoutQuery = url.split("[?#]", 2)[0];
        return (withoutQuery.contains("/" + realName + "/-/")
                || withoutQuery.contains("/" + PackageNames.escape(realName) + "/-/"))
                && withoutQuery.endsWith(".tgz");
    }
}
