package io.github.npmprovenance.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What GitHub's own REST API description (OpenAPI 3.0, from {@code @octokit/openapi}; see github/SOURCES.md) says
 * of the requests the action makes: the operation a method and path name, its documented query parameters and the
 * schema of its request body. GitHub answers a body outside that schema with 422, which would leave a pull request's
 * check run unfinished; the loopback fake accepts anything, so every request it saw is checked here.
 */
final class GitHubApiDescription {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance())
                    .defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private static final List<Operation> OPERATIONS = load();

    private record Operation(String method, String template, Pattern path, Map<String, JsonSchema> query,
            JsonSchema body) {
    }

    private GitHubApiDescription() {
    }

    /**
     * What in one request the description does not allow, each naming the request; empty when it conforms.
     *
     * @param target the request target as sent: path and query, relative to the API's root
     */
    static List<String> violations(String method, String target, String body) {
        URI uri = URI.create(target);
        Operation operation = OPERATIONS.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(uri.getRawPath()).matches())
                .findFirst().orElse(null);
        if (operation == null) {
            return List.of(method + " " + target + ": no such operation in GitHub's REST API description");
        }
        List<String> violations = new ArrayList<>();
        String where = method + " " + target + " (" + operation.template() + ")";
        if (uri.getRawQuery() != null) {
            for (String parameter : uri.getRawQuery().split("&")) {
                String[] pair = parameter.split("=", 2);
                String name = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
                JsonSchema schema = operation.query().get(name);
                if (schema == null) {
                    violations.add(where + ": undocumented query parameter " + name);
                    continue;
                }
                String value = pair.length < 2 ? "" : URLDecoder.decode(pair[1], StandardCharsets.UTF_8);
                // a query string holds text: an integer parameter is checked as the number it spells
                JsonNode node = value.matches("-?[0-9]{1,18}") ? MAPPER.getNodeFactory().numberNode(Long.parseLong(value))
                        : TextNode.valueOf(value);
                schema.validate(node).forEach(m -> violations.add(where + ": query parameter " + name + ": "
                        + m.getMessage()));
            }
        }
        boolean hasBody = body != null && !body.isEmpty();
        if (operation.body() == null) {
            if (hasBody) {
                violations.add(where + ": a body where the operation takes none");
            }
            return violations;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(hasBody ? body : "null");
        } catch (IOException e) {
            return List.of(where + ": body is no JSON: " + e.getMessage());
        }
        for (ValidationMessage message : operation.body().validate(json)) {
            violations.add(where + ": " + message.getMessage());
        }
        return violations;
    }

    private static List<Operation> load() {
        JsonNode description;
        try (InputStream in = GitHubApiDescription.class.getResourceAsStream("/github/openapi-operations.json")) {
            description = MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = description.path("operations").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            String[] key = entry.getKey().split(" ", 2);
            // a {parameter} is one path segment, but a file's {path} may be several
            Pattern path = Pattern.compile(Pattern.quote(key[1]).replace("{path}", "\\E.+\\Q")
                    .replaceAll("\\{[a-z_]+}", "\\\\E[^/]+\\\\Q"));
            Map<String, JsonSchema> query = new java.util.TreeMap<>();
            entry.getValue().path("query").fields()
                    .forEachRemaining(parameter -> query.put(parameter.getKey(), SCHEMAS.getSchema(parameter.getValue())));
            JsonNode request = entry.getValue().get("request");
            operations.add(new Operation(key[0], key[1], path, query,
                    request == null ? null : SCHEMAS.getSchema(request)));
        }
        return List.copyOf(operations);
    }
}
