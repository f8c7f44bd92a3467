package io.github.npmprovenance.registry;

import io.github.npmprovenance.registry.NpmrcReader.AuthoritySetting;
import io.github.npmprovenance.registry.NpmrcReader.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code .npmrc} file's settings, as npm's {@code ini} reads them, with its {@code ca} and {@code cafile} in the
 * order npm applies them.
 */
record NpmrcFile(Map<String, Setting> values, List<AuthoritySetting> authorities) {
    static final NpmrcFile NONE = new NpmrcFile(Map.of(), List.of());
    private static final int FILE_LIMIT = 1024 * 1024;

    /**
     * The file's settings, their values and keys expanded ({@link NpmrcEnvironment#expand}); {@link #NONE} when
     * there is no such file.
     *
     * @param project whether it is the project's: see {@link Setting#fromProject}
     */
    /**
     * The file's bytes, if it is no larger than any configuration is: the project's {@code .npmrc} can be a link to
     * any file, and name any file as {@code globalconfig} ({@code /proc/kcore}, a log), which read whole would end
     * the run with an {@link OutOfMemoryError}.
     */
    private static byte[] bounded(Path npmrc) throws IOException {
        return BoundedFiles.read(npmrc, FILE_LIMIT).orElseThrow(() -> new IOException(npmrc + ": larger than "
                + FILE_LIMIT / (1024 * 1024) + " MiB, far larger than any npm configuration file"));
    }

    static NpmrcFile read(Path npmrc, boolean project, NpmrcEnvironment environment) throws IOException {
        if (npmrc == null || !Files.isRegularFile(npmrc)) {
            return NONE;
        }
        Map<String, Setting> values = new LinkedHashMap<>();
        IniArray ca = new IniArray();
        IniArray noproxy = new IniArray();
        // which of ca and cafile comes first: npm applies them in that order
        boolean caFirst = false;
        // as npm reads it (Node's utf8): a byte that is not UTF-8, in a comment written in Latin-1 say, is U+FFFD,
        // not a reason to reject the whole file (lines split one by one, so that messages count them as editors do)
        List<String> lines = List.of(new String(bounded(npmrc), StandardCharsets.UTF_8).split("\\r\\n|\\r|\\n"));
        boolean inSection = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = IniText.jsTrim(line);
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            int close = line.startsWith("[") ? line.indexOf(']') : -1;
            if (close > 0 && IniText.jsTrim(line.substring(close + 1)).isEmpty()) {
                // a section header as ini has it ("[" first, only white space after "]"): ini nests what follows
                // under the section, so npm sees "section.registry", not "registry"
                inSection = true;
                continue;
            }
            int eq = line.indexOf('=');
            if (inSection || eq <= 0 || line.indexOf('\u2028', eq) >= 0 || line.indexOf('\u2029', eq) >= 0) {
                // ini matches "key=value" with /^([^=]+)(=(.*))?$/, whose "." stops at U+2028 and U+2029: npm skips
                // such a line, which few editors show as anything but one line
                continue;
            }
            String writtenKey = IniText.jsTrim(line.substring(0, eq));
            String key = IniText.value(line.substring(0, eq));
            String value = IniText.value(line.substring(eq + 1));
            // the key as written: expanded, it could be a secret too
            Setting setting = new Setting(environment.expand(value), npmrc + ":" + (i + 1) + ": " + writtenKey,
                    project, value);
            String expandedKey = environment.expand(key);
            boolean arrayLine = expandedKey.endsWith("[]");
            String name = arrayLine ? expandedKey.substring(0, expandedKey.length() - 2) : expandedKey;
            if (name.equals("ca")) {
                caFirst |= ca.values.isEmpty() && !values.containsKey("cafile");
                ca.add(setting, arrayLine);
            } else if (name.equals("noproxy")) {
                noproxy.add(setting, arrayLine);
            } else {
                values.put(expandedKey, setting);
            }
        }
        if (!noproxy.values.isEmpty()) {
            // npm joins an array with commas, the list a single value writes
            Setting last = noproxy.values.get(noproxy.values.size() - 1);
            values.put("noproxy", new Setting(String.join(",", noproxy.values.stream().map(Setting::value).toList()),
                    last.origin(), last.fromProject()));
        }
        List<AuthoritySetting> authorities = new ArrayList<>();
        if (!ca.values.isEmpty()) {
            authorities.add(new AuthoritySetting(false, ca.values));
        }
        if (values.containsKey("cafile")) {
            authorities.add(caFirst ? authorities.size() : 0, new AuthoritySetting(true, List.of(values.get("cafile"))));
        }
        return new NpmrcFile(values, authorities);
    }

    /**
     * A key's values where npm takes a list ({@code ca}, {@code noproxy}), as ini gathers them: a {@code key[]} line
     * makes an array of what the key held, and every later line of the key adds to it; before one, a line replaces.
     */
    private static final class IniArray {
        private final List<Setting> values = new ArrayList<>();
        private boolean isArray;

        void add(Setting setting, boolean arrayLine) {
            isArray |= arrayLine;
            if (!isArray) {
                values.clear();
            }
            values.add(setting);
        }
    }
}
