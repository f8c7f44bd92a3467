package io.github.npmprovenance.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.npmprovenance.lockfile.PackageNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file ({@code .npm-provenance.yml}); every mistake is reported with its line:
 * <pre>
 * fail-on: [invalid, unsigned, error]
 * require-provenance:
 *   - "@myorg/*"
 * trusted-sources:
 *   - package: "@myorg/*"
 *     repositories: [https://github.com/myorg/*]
 *     workflows: [.github/workflows/release.yml]   # optional
 *     refs: [refs/tags/*]                          # optional
 *     signer-workflows: [https://github.com/myorg/shared/.github/workflows/publish.yml]   # optional
 * allow:
 *   - package: left-pad@1.3.0
 *     reason: vendored copy, reviewed
 *     expires: 2027-01-31
 * </pre>
 */
public final class PolicyReader {
    public static final String DEFAULT_FILE_NAME = ".npm-provenance.yml";
    private static final int FILE_LIMIT = 1024 * 1024;
    private static final Set<String> TOP_LEVEL = Set.of("fail-on", "require-provenance", "trusted-sources", "allow");

    public Policy read(Path file) throws PolicyException {
        String path = file.toString();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // the project's policy can be a link to any file: one larger than the heap would end the run
            bytes = in.readNBytes(FILE_LIMIT + 1);
        } catch (IOException e) {
            throw new PolicyException(path, 0, "cannot read the policy: " + e.getMessage());
        }
        if (bytes.length > FILE_LIMIT) {
            throw new PolicyException(path, 0, "larger than " + FILE_LIMIT / (1024 * 1024) + " MiB, far larger than "
                    + "any policy");
        }
        return read(path, new StringReader(utf8(path, bytes)));
    }

    /** The file's text; one that is not UTF-8 is refused at its line, as a byte read as U+FFFD could weaken a rule. */
    private static String utf8(String path, byte[] bytes) throws PolicyException {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder().decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new PolicyException(path, line, String.format(Locale.ROOT,
                    "not UTF-8 text: byte 0x%02X on this line is not part of any UTF-8 character", bytes[at] & 0xff));
        }
        return out.flip().toString();
    }

    public Policy read(String path, Reader reader) throws PolicyException {
        YamlTree root;
        try {
            root = YamlTree.parse(path, reader);
        } catch (JsonProcessingException e) {
            throw new PolicyException(path, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PolicyException(path, 0, "cannot read the policy: " + e.getMessage());
        }
        Context context = new Context(path);
        YamlTree.Mapping top = context.mapping(root, "the policy");
        for (Map.Entry<String, Integer> key : top.keyLines().entrySet()) {
            if (!TOP_LEVEL.contains(key.getKey())) {
                throw new PolicyException(path, key.getValue(), "unknown key \"" + key.getKey()
                        + "\" (expected fail-on, require-provenance, trusted-sources or allow)");
            }
        }
        FailOn failOn = FailOn.DEFAULT;
        if (top.entries().containsKey("fail-on")) {
            YamlTree node = top.entries().get("fail-on");
            List<String> statuses = node instanceof YamlTree.Scalar scalar ? List.of(scalar.text())
                    : context.strings(node, "fail-on");
            try {
                failOn = FailOn.parse(String.join(",", statuses));
            } catch (IllegalArgumentException e) {
                throw new PolicyException(path, node.line(), "fail-on: " + e.getMessage());
            }
        }
        List<PackagePattern> required = new ArrayList<>();
        if (top.entries().containsKey("require-provenance")) {
            for (YamlTree item : context.sequence(top.entries().get("require-provenance"), "require-provenance")) {
                required.add(PackagePattern.ignoringCase(context.pattern(item, "require-provenance").text()));
            }
        }
        List<TrustedSource> sources = new ArrayList<>();
        if (top.entries().containsKey("trusted-sources")) {
            for (YamlTree item : context.sequence(top.entries().get("trusted-sources"), "trusted-sources")) {
                sources.add(context.trustedSource(item));
            }
        }
        List<AllowRule> allow = new ArrayList<>();
        if (top.entries().containsKey("allow")) {
            for (YamlTree item : context.sequence(top.entries().get("allow"), "allow")) {
                allow.add(context.allowRule(item));
            }
        }
        return new Policy(path, failOn, required, sources, allow);
    }

    /** Validation helpers that know the file, so every error carries path and line. */
    private record Context(String path) {
        YamlTree.Mapping mapping(YamlTree node, String what) throws PolicyException {
            if (node instanceof YamlTree.Mapping mapping) {
                return mapping;
            }
            throw new PolicyException(path, node.line(), what + " must be a mapping of keys to values");
        }

        List<YamlTree> sequence(YamlTree node, String what) throws PolicyException {
            if (node instanceof YamlTree.Sequence sequence) {
                return sequence.items();
            }
            throw new PolicyException(path, node.line(), what + " must be a list");
        }

        String string(YamlTree node, String what) throws PolicyException {
            if (node instanceof YamlTree.Scalar scalar && !scalar.text().isBlank()) {
                return scalar.text().trim();
            }
            throw new PolicyException(path, node.line(), what + " must be a non-empty text");
        }

        List<String> strings(YamlTree node, String what) throws PolicyException {
            List<String> values = new ArrayList<>();
            for (YamlTree item : sequence(node, what)) {
                values.add(string(item, what));
            }
            if (values.isEmpty()) {
                throw new PolicyException(path, node.line(), what + " must not be empty");
            }
            return values;
        }

        PackagePattern pattern(YamlTree node, String what) throws PolicyException {
            String text = string(node, what);
            if (!PackageNames.isValidName(text.replace("*", "x"))) {
                throw new PolicyException(path, node.line(), what + ": \"" + text
                        + "\" is not a package name or pattern (e.g. lodash, @scope/name, @scope/*)");
            }
            return PackagePattern.of(text);
        }

        TrustedSource trustedSource(YamlTree node) throws PolicyException {
            YamlTree.Mapping entry = mapping(node, "a trusted-sources entry");
            allowOnly(entry, Set.of("package", "repositories", "workflows", "refs", "signer-workflows"),
                    "trusted-sources");
            PackagePattern packages = PackagePattern.ignoringCase(
                    pattern(required(entry, "package", "trusted-sources"), "trusted-sources package").text());
            List<Glob> repositories = globs(required(entry, "repositories", "trusted-sources"), "repositories");
            for (int i = 0; i < repositories.size(); i++) {
                if (!repositories.get(i).text().matches("https://[^/*]+/.+")) {
                    throw new PolicyException(path, entry.entries().get("repositories").line(), "repositories: \""
                            + repositories.get(i).text() + "\" must be a repository URL like https://github.com/owner/repo");
                }
            }
            List<Glob> workflows = entry.entries().containsKey("workflows")
                    ? globs(entry.entries().get("workflows"), "workflows") : List.of();
            List<Glob> refs = entry.entries().containsKey("refs")
                    ? globs(entry.entries().get("refs"), "refs") : List.of();
            List<Glob> signerWorkflows = entry.entries().containsKey("signer-workflows")
                    ? globs(entry.entries().get("signer-workflows"), "signer-workflows") : List.of();
            for (Glob signer : signerWorkflows) {
                int line = entry.entries().get("signer-workflows").line();
                if (!signer.text().matches("https://[^/*]+/.+")) {
                    throw new PolicyException(path, line, "signer-workflows: \"" + signer.text() + "\" must be a "
                            + "workflow URL like https://github.com/owner/repo/.github/workflows/release.yml");
                }
                // the signer is matched without its ref: a pattern with one would silently never match
                if (signer.text().contains("@")) {
                    throw new PolicyException(path, line, "signer-workflows: \"" + signer.text() + "\" names a ref; "
                            + "the workflow is matched without its @ref");
                }
            }
            return new TrustedSource(packages, repositories, workflows, refs, signerWorkflows, entry.line());
        }

        AllowRule allowRule(YamlTree node) throws PolicyException {
            YamlTree.Mapping entry = mapping(node, "an allow entry");
            allowOnly(entry, Set.of("package", "reason", "expires"), "allow");
            YamlTree packageNode = required(entry, "package", "allow");
            String target = string(packageNode, "allow package");
            int at = target.lastIndexOf('@');
            String version = at > 0 ? target.substring(at + 1) : "";
            String name = at > 0 ? target.substring(0, at) : target;
            // "name@" with the version left out must not become an exception for every version of name
            if (at > 0 && !PackageNames.isValidVersion(version)) {
                throw new PolicyException(path, packageNode.line(), "allow package: \"" + target
                        + "\" must be a name, a pattern, or name@exact-version");
            }
            PackagePattern packages = pattern(new YamlTree.Scalar(name, packageNode.line()), "allow package");
            String reason = string(required(entry, "reason", "allow"), "allow reason");
            YamlTree expiresNode = required(entry, "expires", "allow");
            LocalDate expires;
            try {
                expires = LocalDate.parse(string(expiresNode, "allow expires"));
            } catch (DateTimeParseException e) {
                throw new PolicyException(path, expiresNode.line(), "allow expires: must be a date like 2027-01-31");
            }
            return new AllowRule(packages, version, reason, expires, entry.line());
        }

        private List<Glob> globs(YamlTree node, String what) throws PolicyException {
            List<Glob> globs = new ArrayList<>();
            if (node instanceof YamlTree.Scalar) {
                globs.add(Glob.of(string(node, what)));
                return globs;
            }
            for (String value : strings(node, what)) {
                globs.add(Glob.of(value));
            }
            return globs;
        }

        private YamlTree required(YamlTree.Mapping entry, String key, String what) throws PolicyException {
            YamlTree value = entry.entries().get(key);
            if (value == null) {
                throw new PolicyException(path, entry.line(), what + " entry needs \"" + key + "\"");
            }
            return value;
        }

        private void allowOnly(YamlTree.Mapping entry, Set<String> keys, String what) throws PolicyException {
            for (Map.Entry<String, Integer> key : entry.keyLines().entrySet()) {
                if (!keys.contains(key.getKey())) {
                    throw new PolicyException(path, key.getValue(), what + ": unknown key \"" + key.getKey()
                            + "\" (expected " + String.join(", ", keys.stream().sorted().toList()) + ")");
                }
            }
        }
    }
}
