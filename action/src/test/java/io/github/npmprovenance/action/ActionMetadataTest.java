package io.github.npmprovenance.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.npmprovenance.report.Summary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** action.yml is what GitHub reads: it must parse, and declare exactly the inputs and outputs the code uses. */
class ActionMetadataTest {
    private static JsonNode metadata() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of("..", "action.yml").toFile());
    }

    @Test
    void declaresEveryInputTheActionReads() throws Exception {
        List<String> declared = new ArrayList<>();
        metadata().path("inputs").fieldNames().forEachRemaining(declared::add);
        Map<String, String> seen = new HashMap<>();
        ActionInputs.from(name -> {
            seen.put(name, name);
            return null;
        });

        assertThat(declared).containsExactlyInAnyOrderElementsOf(seen.keySet().stream()
                .map(n -> n.substring("INPUT_".length()).toLowerCase(java.util.Locale.ROOT)).toList());
        assertThat(metadata().path("inputs").path("token").path("default").asText()).isEqualTo("${{ github.token }}");
        assertThat(metadata().path("runs").path("using").asText()).isEqualTo("docker");
        // the default check name keeps the comment marker earlier versions wrote
        assertThat(metadata().path("inputs").path("check-name").path("default").asText())
                .isEqualTo(StickyComment.DEFAULT_CHECK_NAME);
    }

    @Test
    void declaresEveryOutputTheActionWrites() throws Exception {
        List<String> declared = new ArrayList<>();
        metadata().path("outputs").fieldNames().forEachRemaining(declared::add);

        assertThat(declared).containsExactlyInAnyOrderElementsOf(
                ActionOutputs.of(new Summary(0, 0, 0, 0, 0, 0, 0, 0, 0), "passed", "a", "b").keySet());
    }
}
