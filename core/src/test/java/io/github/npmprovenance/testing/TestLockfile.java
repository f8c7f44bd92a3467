package io.github.npmprovenance.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a version 3 lockfile of registry packages, one entry per line group, as npm writes it. */
public final class TestLockfile {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = MAPPER.createObjectNode();
    private final ObjectNode packages;

    public TestLockfile() {
        root.put("name", "test-project");
        root.put("version", "1.0.0");
        root.put("lockfileVersion", 3);
        root.put("requires", true);
        packages = root.putObject("packages");
        packages.putObject("").put("name", "test-project").put("version", "1.0.0");
    }

    /** Adds a registry package with the integrity the fixtures' registry publishes for it. */
    public TestLockfile add(String name, String version) {
        String integrity = FixtureRegistryData.integrity(name, version);
        return add(name, version, integrity);
    }

    /** Adds a workspace of the project, in {@code folder}, linked as npm links it. */
    public TestLockfile addWorkspace(String folder, String name, String version) {
        packages.putObject(folder).put("name", name).put("version", version);
        packages.putObject("node_modules/" + name).put("resolved", folder).put("link", true);
        return this;
    }

    /** Adds a link installed as {@code name} to the folder {@code target}, as npm writes it for a file: directory. */
    public TestLockfile addLink(String name, String target) {
        packages.putObject("node_modules/" + name).put("resolved", target).put("link", true);
        return this;
    }

    public TestLockfile add(String name, String version, String integrity) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        packages.putObject("node_modules/" + name)
                .put("version", version)
                .put("resolved", "https://registry.npmjs.org/" + name + "/-/" + file + "-" + version + ".tgz")
                .put("integrity", integrity);
        return this;
    }

    /** An npm alias: installed in {@code node_modules/<folder>}, the real package is {@code name}. */
    public TestLockfile addAlias(String folder, String name, String version) {
        add(folder, version, FixtureRegistryData.integrity(name, version));
        String file = name.substring(name.lastIndexOf('/') + 1);
        entry(folder).put("name", name)
                .put("resolved", "https://registry.npmjs.org/" + name + "/-/" + file + "-" + version + ".tgz");
        return this;
    }

    public ObjectNode entry(String name) {
        return (ObjectNode) packages.get("node_modules/" + name);
    }

    public String json() {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            return Files.writeString(directory.resolve("package-lock.json"), json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
