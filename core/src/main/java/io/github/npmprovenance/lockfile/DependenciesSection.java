package io.github.npmprovenance.lockfile;

import static io.github.npmprovenance.lockfile.EntryFields.text;
import static io.github.npmprovenance.lockfile.LockfileJson.expectObject;
import static io.github.npmprovenance.lockfile.LockfileJson.lineOf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The "dependencies" section of lockfile version 1 (and the legacy copy in version 2): nested by dependency. */
final class DependenciesSection {
    /** A v1 entry lists what it depends on in "requires"; its "dependencies" are nested entries. */
    private static final Set<String> RELATIONS = Set.of("requires");

    private DependenciesSection() {
    }

    /** The entries of the section whose value is the parser's current token, each followed by its nested ones. */
    static List<RawEntry> read(String path, JsonParser parser) throws IOException, LockfileException {
        List<RawEntry> entries = new ArrayList<>();
        read(path, parser, entries, "");
        return entries;
    }

    private static void read(String path, JsonParser parser, List<RawEntry> into, String parent)
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
            String location = (parent.isEmpty() ? "" : parent + "/") + RawEntry.NODE_MODULES + name;
            PackageLocations.requireNormalized(path, line, location);
            ObjectNode entry = JsonNodeFactory.instance.objectNode();
            Map<String, Set<String>> relations = new HashMap<>();
            List<RawEntry> children = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("dependencies")) {
                    children = new ArrayList<>();
                    read(path, parser, children, location);
                } else {
                    EntryFields.put(entry, field, parser, RELATIONS, relations);
                }
            }
            List<RawEntry> group = new ArrayList<>();
            group.add(new RawEntry(name, text(entry, "version").orElse(""), line, entry, true, location, relations));
            group.addAll(children);
            byName.put(name, group);
        }
        byName.values().forEach(into::addAll);
    }
}
