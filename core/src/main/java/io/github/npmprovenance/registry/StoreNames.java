package io.github.npmprovenance.registry;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The names registry data is stored under on disk, in the cache and in snapshots alike. */
public final class StoreNames {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Windows opens a device for these, with or without an extension ({@code nul.json} too). */
    private static final Set<String> DEVICES = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /** The longest file name most file systems take: 255 bytes (Linux, macOS), 255 UTF-16 units (Windows). */
    static final int MAX_FILE_NAME = 255;
    /** Marks a name cut short: no name {@link #fileName(String)} writes holds it, {@code %} being followed by hex. */
    private static final String CUT = "%%";

    private StoreNames() {
    }

    /**
     * A registry's directory: {@code <readable-id>-<hash>}, the readable id for people, and the start of the
     * SHA-256 of the base URL because the readable id is shared by some registries ({@code http} and
     * {@code https}, {@code /a_b/} and {@code /a/b/}) whose data must not be read as each other's. The hash telling
     * registries apart, the readable id is cut to fit one file name (a registry's path may be longer), and one
     * starting as a Windows device name ({@code con.corp.example}) starts with {@code _}.
     */
    public static String registryDirectory(Registry registry) {
        String hash = "-"
                + LocalStore.sha256(registry.baseUri().toString().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        String id = readableId(registry);
        int dot = id.indexOf('.');
        if (DEVICES.contains((dot < 0 ? id : id.substring(0, dot)).toLowerCase(java.util.Locale.ROOT))) {
            id = "_" + id;
        }
        return id.substring(0, Math.min(id.length(), MAX_FILE_NAME - hash.length())) + hash;
    }

    /**
     * Host, {@code _port} and path, with every other character (and each run of two or more dots) replaced by
     * {@code _}, and trailing {@code _} dropped: a single dot stays, as in {@code registry.npmjs.org}.
     */
    static String readableId(Registry registry) {
        // nothing ${NAME} put in the URL names a folder (snapshots are shared, caches restored), nor do the names of
        // the variables: the path is left out, the hash tells registries apart
        String id = registry.baseUri().getHost()
                + (registry.baseUri().getPort() > 0 ? "_" + registry.baseUri().getPort() : "")
                + registry.pathForNames();
        // one path segment: no separators, and no dot runs that could read as a parent directory
        return id.replaceAll("[^A-Za-z0-9.-]", "_").replaceAll("\\.{2,}", "_").replaceAll("_+$", "");
    }

    /**
     * A package name or version as one file name that means the same on Linux, macOS and Windows, case-sensitive
     * or not. Different texts must never share a file: on a case-insensitive file system {@code JSONStream} and
     * {@code jsonstream}, or {@code 1.0.0-RC1} and {@code 1.0.0-rc1}, would. So, as the Go module proxy does, an
     * upper-case letter is written {@code !} and its lower-case form; lower-case letters, digits and
     * {@code . - _ @ +} stay as they are; every other byte of the UTF-8 text, {@code !} and {@code %} included, is
     * written {@code %} and two lower-case hex digits ({@code @scope/name} is {@code @scope%2fname}, as in npm's
     * URLs). A leading or trailing {@code .} (which could name {@code ..}, or which Windows drops) and the first
     * letter of a Windows device name ({@code con}, {@code nul.x}) are written that way too. The result holds no
     * upper-case letter, no separator and no character any of those systems refuses, and decodes back to the one
     * text it came from: {@code !} and {@code %} appear only as escapes.
     */
    static String fileName(String text) {
        StringBuilder name = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z') {
                name.append('!').append(Character.toLowerCase(c));
            } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || ".-_@+".indexOf(c) >= 0) {
                name.append(c);
            } else {
                name.append(escaped(c));
            }
        }
        if (name.length() > 0 && name.charAt(0) == '.') {
            name.replace(0, 1, escaped('.'));
        }
        if (name.length() > 0 && name.charAt(name.length() - 1) == '.') {
            name.replace(name.length() - 1, name.length(), escaped('.'));
        }
        int dot = name.indexOf(".");
        if (DEVICES.contains(dot < 0 ? name.toString() : name.substring(0, dot))) {
            name.replace(0, 1, escaped(name.charAt(0)));
        }
        return name.toString();
    }

    /**
     * {@link #fileName(String)} followed by the suffix, when that fits in {@link #MAX_FILE_NAME}. A longer one (a
     * version may have 256 characters, and escaping can triple a name's length) could not be created; it is cut
     * to its start, for people, then {@code %%} and the SHA-256 of the whole text, which keeps it one text's name.
     */
    static String fileName(String text, String suffix) {
        String name = fileName(text);
        if (name.length() + suffix.length() <= MAX_FILE_NAME) {
            return name + suffix;
        }
        String digest = LocalStore.sha256(text.getBytes(StandardCharsets.UTF_8));
        return name.substring(0, MAX_FILE_NAME - suffix.length() - CUT.length() - digest.length()) + CUT + digest
                + suffix;
    }

    private static String escaped(char c) {
        return "%" + HEX[c >> 4 & 0xf] + HEX[c & 0xf];
    }
}
