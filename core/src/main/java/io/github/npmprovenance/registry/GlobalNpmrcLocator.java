package io.github.npmprovenance.registry;

import io.github.npmprovenance.registry.NpmrcReader.FileSettings;
import io.github.npmprovenance.registry.NpmrcReader.GlobalNpmrc;
import io.github.npmprovenance.registry.NpmrcReader.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where npm's global {@code npmrc} is: see {@link NpmrcReader#globalNpmrc}. */
record GlobalNpmrcLocator(NpmrcEnvironment environment) {
    Optional<GlobalNpmrc> locate(FileSettings projectAndUser, Path home, Path projectDirectory) {
        Map<String, Setting> files = projectAndUser.byKey();
        Optional<Setting> configured = environment.setting("globalconfig", files);
        Optional<Setting> prefix = environment.setting("prefix", files);
        Optional<GlobalNpmrc> found;
        if (configured.isPresent()) {
            found = named(configured.get(), home, false);
        } else if (prefix.isPresent()) {
            found = named(prefix.get(), home, true);
        } else {
            found = defaultPrefix().map(p -> new GlobalNpmrc(p.resolve("etc").resolve("npmrc"), false));
        }
        return found.map(global -> projectDirectory != null && global.path().toAbsolutePath().normalize()
                .startsWith(projectDirectory.toAbsolutePath().normalize())
                        ? new GlobalNpmrc(global.path(), true) : global);
    }

    private Optional<GlobalNpmrc> named(Setting setting, Path home, boolean isPrefix) {
        String value = IniText.jsTrim(setting.value());
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path;
        try {
            path = environment.homeRelative(value, home);
        } catch (java.nio.file.InvalidPathException e) {
            // no file has such a name (a NUL in it): as for one that does not exist, there is none to read
            return Optional.empty();
        }
        return Optional.of(new GlobalNpmrc(isPrefix ? path.resolve("etc").resolve("npmrc") : path,
                setting.fromProject()));
    }

    private Optional<Path> defaultPrefix() {
        String prefix = environment.get("PREFIX");
        if (prefix != null && !prefix.isEmpty()) {
            return Optional.of(Path.of(prefix));
        }
        String path = environment.get("PATH");
        if (path == null || java.io.File.separatorChar == '\\') {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path node = directory.isEmpty() ? null : Path.of(directory, "node");
            if (node == null || !node.isAbsolute() || !Files.isRegularFile(node) || !Files.isExecutable(node)) {
                continue;
            }
            try {
                Path execPath = node.toRealPath();
                if (isScript(execPath) || execPath.getParent() == null || execPath.getParent().getParent() == null
                        || execPath.toString().contains("/Cellar/")) {
                    return Optional.empty();
                }
                // /usr/local/bin/node: /usr/local
                Path found = execPath.getParent().getParent();
                String destdir = environment.get("DESTDIR");
                return Optional.of(destdir == null || destdir.isEmpty() ? found : Path.of(destdir, found.toString()));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean isScript(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == '#' && in.read() == '!';
        }
    }
}
