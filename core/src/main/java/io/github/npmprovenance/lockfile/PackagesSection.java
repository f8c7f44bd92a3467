package io.github.npmprovenance.lockfile;

import static io.github.npmprovenance.lockfile.EntryFields.text;
import static io.github.npmprovenance.lockfile.LockfileJson.expectObject;
import static io.github.npmprovenance.lockfile.LockfileJson.lineOf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "packages" section of lockfile versions 2 and 3: a flat map from install path to entry.
 *
 * @param entries the entries under a node_modules folder, a repeated key as its last occurrence
 * @param rootBundles what the root project's entry (the key {@code ""}) says it bundles
 */
record PackagesSection(List<RawEntry> entries, Set<String> rootBundles) {
    /** The objects and arrays of a v2/v3 entry that decide what its parent bundles, as arborist reads them. */
    private static final Set<String> RELATIONS =
            Set.of("dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies");

    /** The section whose value is the parser's current token. */
    static PackagesSection read(String path, JsonParser parser) throws IOException, LockfileException {
        expectObject(path, parser, "\"packages\"");
        // a repeated key counts as its last occurrence, in the place of its first, as JSON.parse keeps it
        Map<String, RawEntry> entries = new LinkedHashMap<>();
        Map<String, String> folderVersions = new HashMap<>();
        Set<String> rootBundles = Set.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = lineOf(parser);
            PackageLocations.requireNormalized(path, line, key);
            parser.nextToken();
            expectObject(path, parser, "package entry \"" + key + "\"");
            Map<String, Set<String>> relations = new HashMap<>();
            ObjectNode entry = EntryFields.read(parser, RELATIONS, relations);
            int nodeModules = key.lastIndexOf(RawEntry.NODE_MODULES);
            if (nodeModules < 0) {
                // the root project or a workspace folder: its dependencies are listed under their own keys
                text(entry, "version").ifPresent(v -> folderVersions.put(key, v));
                if (key.isEmpty()) {
                    rootBundles = relations.getOrDefault("bundleDependencies", Set.of());
                }
                continue;
            }
            String folderName = key.substring(nodeModules + RawEntry.NODE_MODULES.length());
            // arborist's loadVirtual takes the folder's name when "name" is falsy, and "" is: an empty name would
            // make a registry tarball read as a remote one, which npm still fetches from the registry
            String name = text(entry, "name").filter(n -> !n.isEmpty()).orElse(folderName);
            entries.put(key, new RawEntry(name, text(entry, "version").orElse(""), line, entry, false, key, relations));
        }
        // a link entry has no version of its own: it is the linked workspace folder's
        return new PackagesSection(entries.values().stream()
                .map(e -> e.version().isEmpty() && text(e.fields(), "resolved").isPresent()
                        ? e.withVersion(folderVersions.getOrDefault(text(e.fields(), "resolved").get(), ""))
                        : e)
                .toList(), rootBundles);
    }
}
