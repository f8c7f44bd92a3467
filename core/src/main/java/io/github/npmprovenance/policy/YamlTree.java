package io.github.npmprovenance.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as nested maps, lists and scalars that remember their line, so errors can name it. What YAML
 * lets a parser resolve silently is refused: a repeated key (where the last would win), since a policy rule
 * written twice must not disappear without a word; and an alias ({@code *name}), which this parser does not
 * expand but hands over as the bare anchor name, so {@code [*org]} would read as a pattern "org".
 */
sealed interface YamlTree {
    int line();

    record Scalar(String text, int line) implements YamlTree {
    }

    record Sequence(List<YamlTree> items, int line) implements YamlTree {
    }

    record Mapping(Map<String, YamlTree> entries, Map<String, Integer> keyLines, int line) implements YamlTree {
    }

    static YamlTree parse(String path, Reader reader) throws IOException, PolicyException {
        try (JsonParser parser = new YAMLFactory().createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Mapping(Map.of(), Map.of(), 1);
            }
            YamlTree root = read(path, parser);
            // a second document ("---") would otherwise go unread with every rule in it; an empty one holds none
            for (JsonToken next = parser.nextToken(); next != null; next = parser.nextToken()) {
                if (next != JsonToken.VALUE_NULL) {
                    throw new PolicyException(path, parser.currentTokenLocation().getLineNr(),
                            "a policy is one YAML document, but a second one starts here");
                }
            }
            return root;
        }
    }

    private static YamlTree read(String path, JsonParser parser) throws IOException, PolicyException {
        int line = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            throw new PolicyException(path, line, "the alias *" + parser.getText() + " is not supported in a "
                    + "policy: write the value out");
        }
        if (token == JsonToken.START_OBJECT) {
            Map<String, YamlTree> entries = new LinkedHashMap<>();
            Map<String, Integer> keyLines = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                if (keyLines.containsKey(key)) {
                    throw new PolicyException(path, keyLine, "\"" + key + "\" is given twice (first on line "
                            + keyLines.get(key) + "); YAML would keep only the last");
                }
                keyLines.put(key, keyLine);
                parser.nextToken();
                entries.put(key, read(path, parser));
            }
            return new Mapping(entries, keyLines, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlTree> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(path, parser));
            }
            return new Sequence(items, line);
        }
        return new Scalar(token == JsonToken.VALUE_NULL ? "" : parser.getText(), line);
    }
}
