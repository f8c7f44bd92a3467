package io.github.npmprovenance.lockfile;

import static io.github.npmprovenance.lockfile.EntryFields.flag;
import static io.github.npmprovenance.lockfile.EntryFields.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entry as written, before aliases and sources are interpreted.
 *
 * @param legacy from a version 1 "dependencies" tree, where non-registry specs are written into "version"
 * @param location where npm places it, as a v2/v3 key ({@code node_modules/a/node_modules/b})
 * @param relations the names in its dependency objects and bundleDependencies, by field
 */
record RawEntry(String name, String version, int line, ObjectNode fields, boolean legacy, String location,
        Map<String, Set<String>> relations) {
    static final String NODE_MODULES = "node_modules/";

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

    /**
     * The entry says its tarball holds an npm-shrinkwrap.json. Arborist reads the entry as the package too, so
     * {@code _hasShrinkwrap} counts as well; a version 1 "dependencies" tree loses both on the way in
     * (shrinkwrap.js metaFromLock).
     */
    boolean hasOwnShrinkwrap() {
        return flag(fields, "hasShrinkwrap") || flag(fields, "_hasShrinkwrap");
    }

    LockedPackage toPackage(String path, Bundles bundles) throws LockfileException {
        for (String field : EntryFields.STRING_FIELDS) {
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
        Optional<String> installedFrom = resolved.map(SourceClassifier::withoutNpaName);
        SourceKind source = SourceClassifier.classify(this, realName, realVersion, installedFrom, bundles);
        if (source == SourceKind.REGISTRY && installedFrom.filter(r -> !r.isEmpty()).isPresent()
                && !installedFrom.get().regionMatches(true, 0, "http", 0, 4)) {
            // a resolved that is a version, range, tag or alias is fetched as <folder>@<resolved> (reify's
            // extractOrLink): by the folder's name or the alias's, never by the entry's "name"
            realName = fetchedName(SourceClassifier.lowerCaseScheme(installedFrom.get()));
        }
        // not devOptional: arborist writes it for a package neither dev nor optional, one that a dev and an
        // optional dependency both need, and that npm installs with --omit=dev
        // the folder is the name the project's code imports it by: for an alias, not the real name
        String installedAs = folderName();
        return new LockedPackage(realName, realVersion, integrity, resolved, source, flag(fields, "dev"),
                flag(fields, "optional"), flag(fields, "peer"), List.of(new Location(path, line)),
                installedAs.equals(realName) ? List.of() : List.of(installedAs), !legacy && hasOwnShrinkwrap());
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
}
