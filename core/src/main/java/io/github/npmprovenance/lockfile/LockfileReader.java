package io.github.npmprovenance.lockfile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads npm {@code package-lock.json} (lockfile versions 1, 2 and 3) and {@code npm-shrinkwrap.json} with
 * Jackson's streaming parser, so that every entry keeps the line of its key.
 */
public final class LockfileReader {
    /** npm's own preference when both exist. */
    public static final List<String> FILE_NAMES = List.of("npm-shrinkwrap.json", "package-lock.json");

    private static final String NODE_MODULES = "node_modules/";
    /** The objects and arrays of a v2/v3 entry that decide what its parent bundles, as arborist reads them. */
    private static final Set<String> PACKAGE_RELATIONS =
            Set.of("dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies");
    /** A v1 entry lists what it depends on in "requires"; its "dependencies" are nested entries. */
    private static final Set<String> LEGACY_RELATIONS = Set.of("requires");
    /** What says which bytes are installed, and from where: never read as absent when it is there as no string. */
    private static final Set<String> STRING_FIELDS = Set.of("name", "version", "resolved", "integrity");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");
    // npm-package-arg's tests, in its order: a path, a tarball, a URL, scp-like git
    private static final Pattern FILE_PATH = Pattern.compile("[.]|~/|/|[a-zA-Z]:");
    // (JavaScript's $ is the very end, and its . stops only at \n, \r, U+2028 and U+2029)
    private static final Pattern TARBALL = Pattern.compile("[.](?:tgz|tar\\.gz|tar)\\z", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("(?:git[+])?[a-z]+:", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCP_GIT =
            Pattern.compile("[^@]+@[^:.]+\\.[^:]+:[^\n\r\u2028\u2029]+", Pattern.CASE_INSENSITIVE);

    // the streaming parser, without an ObjectMapper: starting data binding costs a cold JVM about 0.07 s
    private static final JsonFactory FACTORY = new JsonFactory();

    private static final Pattern JACKSON_START_MARKER =
            Pattern.compile(" ?\\(start marker at \\[Source: [^\\]]*; line: (\\d+), column: \\d+\\]\\)");
    private static final String NOT_A_FILE = "not a regular file (a lockfile is read from a file, not from a "
            + "directory, device or pipe)";

    /** The lockfile itself, or the lockfile inside a directory. */
    public static Path locate(Path fileOrDirectory) throws LockfileException {
        if (Files.isDirectory(fileOrDirectory)) {
            for (String name : FILE_NAMES) {
                Path candidate = fileOrDirectory.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
                if (Files.exists(candidate)) {
                    throw new LockfileException(candidate.toString(), NOT_A_FILE);
                }
            }
            throw new LockfileException(fileOrDirectory.toString(),
                    "no npm-shrinkwrap.json or package-lock.json in this directory");
        }
        if (!Files.isRegularFile(fileOrDirectory)) {
            throw new LockfileException(fileOrDirectory.toString(),
                    Files.exists(fileOrDirectory) ? NOT_A_FILE : "no such lockfile");
        }
        Path name = fileOrDirectory.getFileName();
        // the file most often given by mistake: read as a lockfile, its dependencies' ranges made no sense
        if (name != null && name.toString().equals("package.json")) {
            throw new LockfileException(fileOrDirectory.toString(), "the project's manifest, not a lockfile: name "
                    + "its package-lock.json or npm-shrinkwrap.json, or the directory holding it");
        }
        // npm installs from an npm-shrinkwrap.json and ignores the package-lock.json beside it: verifying the latter
        // would pass whatever a pull request adds in a shrinkwrap (one that cannot be read fails npm, not only us)
        if (name != null && name.toString().equals(FILE_NAMES.get(1))
                && Files.exists(fileOrDirectory.resolveSibling(FILE_NAMES.get(0)))) {
            throw new LockfileException(fileOrDirectory.toString(), "npm installs from the " + FILE_NAMES.get(0)
                    + " beside it and ignores this file; verify that one, or the folder");
        }
        return fileOrDirectory;
    }

    public Lockfile read(Path fileOrDirectory) throws LockfileException {
        Path file = locate(fileOrDirectory);
        String path = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(path, in);
        } catch (NoSuchFileException e) {
            throw new LockfileException(path, "no such lockfile");
        } catch (IOException e) {
            throw new LockfileException(path, 0, "cannot read lockfile: " + e.getMessage(), e);
        }
    }

    public Lockfile read(String path, InputStream in) throws LockfileException, IOException {
        try (JsonParser parser = FACTORY.createParser(in)) {
            try {
                return parse(path, parser);
            } catch (JsonProcessingException e) {
                // a nesting limit is reported without a location: the parser's own is where it stopped
                JsonLocation where = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
                throw new LockfileException(path, Math.max(0, where.getLineNr()), "malformed JSON: " + plain(e), e);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new LockfileException(path, line, "malformed JSON: " + plain(e), e);
        } catch (OutOfMemoryError e) {
            // what the reader held is garbage once thrown: there is room for the message and the exit code
            throw new LockfileException(path, 0, "too large for the memory available (maximum heap "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB); give Java more, e.g. "
                    + "JAVA_TOOL_OPTIONS=-Xmx4g", null);
        }
    }

    /** Jackson's message without the parts that speak of Jackson: its source description and its setting names. */
    private static String plain(JsonProcessingException e) {
        return JACKSON_START_MARKER.matcher(e.getOriginalMessage()).replaceAll(" (opened on line $1)")
                .replaceAll(", from `[^`]*`\\)", ")");
    }

    private Lockfile parse(String path, JsonParser parser) throws IOException, LockfileException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new LockfileException(path, lineOf(parser), "a lockfile must be a JSON object", null);
        }
        // as written, with its line: an unsupported one is reported where it is
        String version = null;
        int versionLine = 0;
        List<RawEntry> packages = null;
        List<RawEntry> dependencies = null;
        Set<String> rootBundles = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "lockfileVersion" -> {
                    if (!value.isNumeric()) {
                        throw new LockfileException(path, lineOf(parser), "lockfileVersion must be a number", null);
                    }
                    version = parser.getText();
                    versionLine = lineOf(parser);
                }
                case "packages" -> {
                    rootBundles.clear();
                    packages = readPackagesSection(path, parser, rootBundles);
                }
                case "dependencies" -> {
                    dependencies = new ArrayList<>();
                    readDependenciesSection(path, parser, dependencies, "");
                }
                default -> parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            throw new LockfileException(path, lineOf(parser), "unexpected content after the lockfile object", null);
        }
        if (version == null) {
            throw new LockfileException(path, 0, "no lockfileVersion (supported: 1, 2, 3)", null);
        }
        int supported = supportedVersion(version);
        if (supported == 0) {
            throw new LockfileException(path, versionLine,
                    "unsupported lockfileVersion " + version + " (supported: 1, 2, 3)", null);
        }
        List<RawEntry> entries;
        if (packages != null) {
            entries = packages;
        } else if (dependencies != null) {
            entries = dependencies;
        } else if (supported == 3) {
            throw new LockfileException(path, versionLine, "lockfileVersion 3 without a \"packages\" section", null);
        } else {
            entries = List.of();
        }
        // npm upgrades a lockfile whose lockfileVersion is below 2 by reading every package's manifest from the
        // registry, "packages" section or not: the lockfile's bundleDependencies are then not what npm goes by
        Bundles bundles = bundles(entries, packages != null ? rootBundles : Set.of(), supported == 1);
        return new Lockfile(path, supported, merge(path, entries, bundles));
    }

    /** 1, 2 or 3 for a number equal to one of them (3.0 is 3 to JavaScript), else 0. */
    private static int supportedVersion(String number) {
        try {
            BigDecimal value = new BigDecimal(number);
            for (int supported = 1; supported <= 3; supported++) {
                if (value.compareTo(BigDecimal.valueOf(supported)) == 0) {
                    return supported;
                }
            }
        } catch (NumberFormatException e) {
            // not a number Java reads: no version npm writes
        }
        return 0;
    }

    /**
     * The tree as npm sees it when deciding what is bundled. A v1 lockfile has no bundleDependencies: npm reads
     * each package's own from the registry before installing from a v1 lockfile, so we take them from the
     * "bundled" children of a parent that is not itself bundled. Whether the parent requires them says nothing:
     * a package may bundle what it does not depend on (fsevents 1.2.12 bundles node-pre-gyp), and npm still
     * leaves it to the tarball. A bundled entry that pins a tarball ("resolved" or "integrity") is not believed to
     * be bundled, since npm fetches it by them when the registry's bundleDependencies do not name it, and the
     * lockfile is what a pull request can edit; npm 6 never writes either there, npm 7+ may (from a bundled
     * package.json's _resolved), and then the pins are the published ones and verify. A version 1 lockfile with a
     * "packages" section (which npm never writes, and still upgrades from the registry) is read the same way, from
     * its "inBundle" flags.
     */
    private static Bundles bundles(List<RawEntry> entries, Set<String> rootBundles, boolean upgraded) {
        Map<String, RawEntry> byLocation = new HashMap<>();
        entries.forEach(e -> byLocation.put(e.location(), e));
        Map<String, Set<String>> legacyBundles = new HashMap<>();
        for (RawEntry entry : byLocation.values()) {
            RawEntry parent = byLocation.get(Bundles.parentOf(entry.location()));
            if (believedBundled(entry, upgraded) && parent != null && !believedBundled(parent, upgraded)) {
                legacyBundles.computeIfAbsent(parent.location(), l -> new HashSet<>()).add(entry.folderName());
            }
        }
        Map<String, Bundles.Node> nodes = new HashMap<>();
        for (RawEntry entry : byLocation.values()) {
            Set<String> dependencyNames = new HashSet<>(entry.names("requires"));
            dependencyNames.addAll(entry.names("dependencies"));
            dependencyNames.addAll(entry.names("optionalDependencies"));
            dependencyNames.addAll(entry.names("peerDependencies"));
            Set<String> bundled = new HashSet<>(upgraded ? Set.of() : entry.names("bundleDependencies"));
            bundled.addAll(legacyBundles.getOrDefault(entry.location(), Set.of()));
            nodes.put(entry.location(), new Bundles.Node(entry.location(), dependencyNames, bundled,
                    !entry.legacy() && flag(entry.fields(), "link"), entry.claimsBundled()));
        }
        return new Bundles(nodes, rootBundles);
    }

    /**
     * A v1 entry's "bundled" (or, in a version 1 lockfile's "packages", "inBundle"), unless it pins a tarball: one
     * that does is verified as fetched, and so is a parent, whose own "bundled" children are then in its bundle.
     */
    private static boolean believedBundled(RawEntry entry, boolean upgraded) {
        return (entry.legacy() || upgraded) && flag(entry.fields(), entry.legacy() ? "bundled" : "inBundle")
                && !entry.fields().has("resolved")
                && !entry.fields().has("integrity");
    }

    /** Version 2 and 3: a flat map from install path to entry. */
    private List<RawEntry> readPackagesSection(String path, JsonParser parser, Set<String> rootBundles)
            throws IOException, LockfileException {
        expectObject(path, parser, "\"packages\"");
        // a repeated key counts as its last occurrence, in the place of its first, as JSON.parse keeps it
        Map<String, RawEntry> entries = new LinkedHashMap<>();
        Map<String, String> folderVersions = new java.util.HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = lineOf(parser);
            parser.nextToken();
            expectObject(path, parser, "package entry \"" + key + "\"");
            Map<String, Set<String>> relations = new HashMap<>();
            ObjectNode entry = readScalars(parser, PACKAGE_RELATIONS, relations);
            int nodeModules = key.lastIndexOf(NODE_MODULES);
            if (nodeModules < 0) {
                // the root project or a workspace folder: its dependencies are listed under their own keys
                text(entry, "version").ifPresent(v -> folderVersions.put(key, v));
                if (key.isEmpty()) {
                    rootBundles.clear();
                    rootBundles.addAll(relations.getOrDefault("bundleDependencies", Set.of()));
                }
                continue;
            }
            String folderName = key.substring(nodeModules + NODE_MODULES.length());
            // arborist's loadVirtual takes the folder's name when "name" is falsy, and "" is: an empty name would
            // make a registry tarball read as a remote one, which npm still fetches from the registry
            String name = text(entry, "name").filter(n -> !n.isEmpty()).orElse(folderName);
            entries.put(key, new RawEntry(name, text(entry, "version").orElse(""), line, entry, false, key, relations));
        }
        // a link entry has no version of its own: it is the linked workspace folder's
        return entries.values().stream().map(e -> e.version().isEmpty() && text(e.fields(), "resolved").isPresent()
                ? e.withVersion(folderVersions.getOrDefault(text(e.fields(), "resolved").get(), ""))
                : e).toList();
    }

    /** Version 1 (and the legacy copy in version 2): nested by dependency. */
    private void readDependenciesSection(String path, JsonParser parser, List<RawEntry> into, String parent)
            throws IOException, LockfileException {
        expectObject(path, parser, "\"dependencies\"");
        // each dependency with its nested ones; a repeated name, or a repeated "dependencies" in one, counts as
        // its last occurrence, as JSON.parse keeps it
        Map<String, List<RawEntry>> byName = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            int line = lineOf(parser);
            parser.nextToken();
            expectObject(path, parser, "dependency \"" + name + "\"");
            // where arborist places it: nested entries go into their parent's node_modules
            String location = (parent.isEmpty() ? "" : parent + "/") + NODE_MODULES + name;
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            Map<String, Set<String>> relations = new HashMap<>();
            List<RawEntry> children = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("dependencies")) {
                    children = new ArrayList<>();
                    readDependenciesSection(path, parser, children, location);
                } else {
                    putScalar(entry, field, parser, LEGACY_RELATIONS, relations);
                }
            }
            List<RawEntry> group = new ArrayList<>();
            group.add(new RawEntry(name, text(entry, "version").orElse(""), line, entry, true, location, relations));
            group.addAll(children);
            byName.put(name, group);
        }
        byName.values().forEach(into::addAll);
    }

    private List<LockedPackage> merge(String path, List<RawEntry> entries, Bundles bundles)
            throws LockfileException {
        Map<String, LockedPackage> byKey = new LinkedHashMap<>();
        for (RawEntry raw : entries) {
            LockedPackage pkg = raw.toPackage(path, bundles);
            // the resolved URL too: merged into a copy from elsewhere, an entry's own URL would be lost, and changed
            // mode compares it (without an integrity, it is all that says what gets installed)
            byKey.merge(pkg.pinKey(), pkg, LockfileReader::mergeLocations);
        }
        return List.copyOf(byKey.values());
    }

    private static LockedPackage mergeLocations(LockedPackage first, LockedPackage again) {
        List<Location> locations = new ArrayList<>(first.locations());
        locations.addAll(again.locations());
        Set<String> aliases = new java.util.LinkedHashSet<>(first.aliases());
        aliases.addAll(again.aliases());
        // a package is dev-only or optional-only when every occurrence is
        return new LockedPackage(first.name(), first.version(), first.integrity(), first.resolved(),
                first.source(), first.dev() && again.dev(), first.optional() && again.optional(),
                first.peer() && again.peer(), locations, List.copyOf(aliases));
    }

    /**
     * An entry's scalar fields; of its objects and arrays only the names in the given ones are kept (an object's
     * keys, an array's strings), the rest (engines, bin, ...) are skipped.
     */
    private static ObjectNode readScalars(JsonParser parser, Set<String> relationFields,
            Map<String, Set<String>> relations) throws IOException {
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            putScalar(entry, field, parser, relationFields, relations);
        }
        return entry;
    }

    private static void putScalar(ObjectNode entry, String field, JsonParser parser, Set<String> relationFields,
            Map<String, Set<String>> relations) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        // a repeated key counts as its last occurrence, whatever its kind
        relations.remove(field);
        if (relationFields.contains(field) && (parser.currentToken() == JsonToken.START_OBJECT
                || parser.currentToken() == JsonToken.START_ARRAY)) {
            entry.remove(field);
            relations.put(field, readNames(parser));
            return;
        }
        if (STRING_FIELDS.contains(field) && parser.currentToken() != JsonToken.VALUE_STRING
                && parser.currentToken() != JsonToken.VALUE_NULL) {
            // kept as what it is not (an empty array), for toPackage to refuse
            parser.skipChildren();
            entry.set(field, nodes.arrayNode());
            return;
        }
        switch (parser.currentToken()) {
            case VALUE_STRING -> entry.set(field, nodes.textNode(parser.getText()));
            case VALUE_TRUE, VALUE_FALSE -> entry.set(field, nodes.booleanNode(parser.getBooleanValue()));
            // a number where npm writes a flag counts as its truth, as a data-bound tree's asBoolean reads it
            case VALUE_NUMBER_INT -> entry.set(field, nodes.booleanNode(parser.getDecimalValue().signum() != 0));
            case START_OBJECT, START_ARRAY -> {
                // a repeated key counts as its last occurrence, whatever its kind
                entry.remove(field);
                parser.skipChildren();
            }
            default -> entry.remove(field);
        }
    }

    /** An object's keys, or an array's strings (what JavaScript's includes can match a name with). */
    private static Set<String> readNames(JsonParser parser) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                names.add(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
        } else {
            JsonToken element;
            while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                if (element == JsonToken.VALUE_STRING) {
                    names.add(parser.getText());
                }
                parser.skipChildren();
            }
        }
        return names;
    }

    private static void expectObject(String path, JsonParser parser, String what) throws LockfileException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw new LockfileException(path, lineOf(parser), what + " must be a JSON object", null);
        }
    }

    private static int lineOf(JsonParser parser) {
        return Math.max(1, parser.currentTokenLocation().getLineNr());
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static boolean flag(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.asBoolean(false);
    }

    /**
     * One entry as written, before aliases and sources are interpreted.
     *
     * @param location where npm places it, as a v2/v3 key ({@code node_modules/a/node_modules/b})
     * @param relations the names in its dependency objects and bundleDependencies, by field
     */
    private record RawEntry(String name, String version, int line, ObjectNode fields, boolean legacy,
            String location, Map<String, Set<String>> relations) {

        RawEntry withVersion(String newVersion) {
            return new RawEntry(name, newVersion, line, fields, legacy, location, relations);
        }

        /** The folder it is installed in, which is the name its parent depends on and bundles it by. */
        String folderName() {
            return location.substring(location.lastIndexOf(NODE_MODULES) + NODE_MODULES.length());
        }

        Set<String> names(String field) {
            return relations.getOrDefault(field, Set.of());
        }

        boolean claimsBundled() {
            return flag(fields, "inBundle") || flag(fields, "bundled");
        }

        LockedPackage toPackage(String path, Bundles bundles) throws LockfileException {
            for (String field : STRING_FIELDS) {
                // npm writes strings; what an array or object would mean to npm is anyone's guess, so not ours
                if (fields.has(field) && !fields.get(field).isTextual()) {
                    throw new LockfileException(path, line, "\"" + field + "\" of " + location + " is not a string",
                            null);
                }
            }
            String realName = name;
            String realVersion = version;
            if (legacy && version.regionMatches(true, 0, "npm:", 0, 4)) {
                // v1 alias: "alias": { "version": "npm:real-name@1.2.3" }
                String spec = version.substring(4);
                int at = nameEnd(spec);
                if (at <= 0) {
                    throw new LockfileException(path, line, "malformed alias version \"" + version + "\"", null);
                }
                realName = spec.substring(0, at);
                realVersion = spec.substring(at + 1);
            }
            Optional<String> resolved = text(fields, "resolved");
            Optional<Integrity> integrity = text(fields, "integrity").map(Integrity::parse);
            // what npm installs from: the resolved as arborist's consistentResolve keeps it
            Optional<String> installedFrom = resolved.map(RawEntry::withoutNpaName);
            SourceKind source = classify(realName, realVersion, installedFrom, bundles);
            if (source == SourceKind.REGISTRY && installedFrom.filter(r -> !r.isEmpty()).isPresent()
                    && !installedFrom.get().regionMatches(true, 0, "http", 0, 4)) {
                // a resolved that is a version, range, tag or alias is fetched as <folder>@<resolved> (reify's
                // extractOrLink): by the folder's name or the alias's, never by the entry's "name"
                realName = fetchedName(lowerCaseScheme(installedFrom.get()));
            }
            // not devOptional: arborist writes it for a package neither dev nor optional, one that a dev and an
            // optional dependency both need, and that npm installs with --omit=dev
            // the folder is the name the project's code imports it by: for an alias, not the real name
            String installedAs = folderName();
            return new LockedPackage(realName, realVersion, integrity, resolved, source, flag(fields, "dev"),
                    flag(fields, "optional"), flag(fields, "peer"), List.of(new Location(path, line)),
                    installedAs.equals(realName) ? List.of() : List.of(installedAs));
        }

        private SourceKind classify(String realName, String realVersion, Optional<String> resolved,
                Bundles bundles) {
            // the flag alone is a claim npm does not believe: an entry is left to a tarball only when npm's own
            // reading of the tree puts it in a dependency's bundle; otherwise npm fetches it, and so we verify it
            if (claimsBundled() && bundles.inDependencyBundle(location)) {
                return SourceKind.BUNDLED;
            }
            if (flag(fields, "link") || legacy && realVersion.startsWith("link:")) {
                return SourceKind.LINK;
            }
            // v1 writes non-registry specs into "version"; v2+ into "resolved", and npm fetches
            // name@resolved whatever the version says (the version only when there is no resolved): a v2+
            // "version" of file:, link: or git never keeps a registry tarball from being fetched
            String spec = lowerCaseScheme(resolved.orElse(realVersion));
            String written = legacy ? lowerCaseScheme(realVersion) : spec;
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

        /** The package npm fetches for a registry spec in resolved: an alias's target, else the folder's. */
        private String fetchedName(String spec) {
            if (!spec.startsWith("npm:")) {
                return folderName();
            }
            String target = spec.substring(4);
            int at = nameEnd(target);
            return at > 0 ? target.substring(0, at) : target;
        }

        /** Where the name of an alias's {@code name@spec} ends, as npm-package-arg splits it: at the first {@code @}. */
        private static int nameEnd(String aliasTarget) {
            return aliasTarget.indexOf('@', 1);
        }

        /** npm-package-arg matches a scheme in any case, and the URL it parses lower-cases it: so do we. */
        private static String lowerCaseScheme(String spec) {
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
}
