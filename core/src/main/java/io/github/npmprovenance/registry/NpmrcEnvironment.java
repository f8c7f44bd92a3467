package io.github.npmprovenance.registry;

import io.github.npmprovenance.registry.NpmrcReader.Setting;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment as npm's configuration reads it: {@code ${NAME}} in a value, and {@code npm_config_*}, the layer
 * above the files; and the directory npm runs in, which a relative path in a setting is relative to.
 *
 * @param variables the environment variables; null for one that is not set
 * @param workingDirectory npm's working directory: npm resolves a {@code path} setting ({@code cafile}) against it
 *     and npm-registry-fetch reads {@code certfile} and {@code keyfile} from it, as Node reads
 *     {@code NODE_EXTRA_CA_CERTS}; the empty path is the JVM's own
 */
record NpmrcEnvironment(Function<String, String> variables, Path workingDirectory) {
    /** npm's: backslashes before {@code ${NAME}} or {@code ${NAME?}}, a name without {@code $}, braces or {@code ?}. */
    private static final Pattern ENV_REFERENCE = Pattern.compile("(?<!\\\\)(\\\\*)\\$\\{([^${}?]+)(\\?)?}");

    /** The variable as it is set, null when it is not. */
    String get(String name) {
        return variables.apply(name);
    }

    /**
     * {@code ${NAME}} is replaced by the environment variable; an unset variable stays as written, as in npm, and
     * {@code ${NAME?}} becomes the empty string. As in
     * npm, an odd number of backslashes before it escapes it (kept literal), and half of them (rounded down) remain.
     */
    String expand(String value) {
        Matcher matcher = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String backslashes = matcher.group(1);
            String replacement;
            if (backslashes.length() % 2 == 1) {
                replacement = matcher.group().substring((backslashes.length() + 1) / 2);
            } else {
                String variable = variables.apply(matcher.group(2));
                // ${NAME?} (npm 10) is the empty string when the variable is unset
                String unset = matcher.group(3) != null ? "" : "${" + matcher.group(2) + "}";
                replacement = backslashes.substring(backslashes.length() / 2) + (variable == null ? unset : variable);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** What {@link #expand} puts into this value in place of a {@code ${NAME}}, to be hidden again where shown. */
    Redaction redaction(String value) {
        Matcher matcher = ENV_REFERENCE.matcher(value);
        java.util.Map<String, String> names = new java.util.HashMap<>();
        while (matcher.find()) {
            String variable = matcher.group(1).length() % 2 == 1 ? null : variables.apply(matcher.group(2));
            if (variable != null && !variable.isEmpty()) {
                names.put(variable, matcher.group(2));
            }
        }
        return new Redaction(names, value);
    }

    /** A path setting as npm reads one: see {@link NpmrcReader#path}. */
    Path path(String value, Path home) {
        return homeRelative(expand(IniText.jsTrim(value)), home);
    }

    /**
     * A path as npm resolves one: a leading {@code ~/} ({@code ~\\} on Windows too) is the home directory; what is
     * still relative is relative to {@link #workingDirectory}.
     */
    Path homeRelative(String expanded, Path home) {
        boolean windows = java.io.File.separatorChar == '\\';
        if (expanded.startsWith("~/") || windows && expanded.startsWith("~\\")) {
            return home.resolve(expanded.substring(2));
        }
        return workingDirectory.resolve(expanded);
    }

    /**
     * {@code npm_config_<key>} as npm reads it, above the files: the prefix and what follows it in any case (npm
     * lower-cases it, with {@code -} for {@code _}; a key starting with {@code //} is kept as written), the
     * spellings asked about all upper or all lower case; an empty one is not set. Its value is parsed as a file's:
     * trimmed, {@code ${NAME}} expanded (a CI workflow's {@code env:} block has no shell to do it).
     */
    Optional<Setting> setting(String key) {
        Set<String> names = new LinkedHashSet<>();
        if (key.startsWith("//")) {
            names.add("NPM_CONFIG_" + key);
            names.add("npm_config_" + key);
        } else {
            for (String spelling : List.of(key.replace('-', '_'), key)) {
                names.add("NPM_CONFIG_" + spelling.toUpperCase(Locale.ROOT));
                names.add("npm_config_" + spelling);
            }
        }
        for (String name : names) {
            String value = variables.apply(name);
            if (value != null && !value.isEmpty()) {
                return Optional.of(new Setting(expand(IniText.jsTrim(value)), name, false, IniText.jsTrim(value)));
            }
        }
        return Optional.empty();
    }

    /** A key as npm's configuration has it: the environment's ({@link #setting(String)}), else the files'. */
    Optional<Setting> setting(String key, Map<String, Setting> files) {
        return setting(key).or(() -> Optional.ofNullable(files.get(key)));
    }
}
