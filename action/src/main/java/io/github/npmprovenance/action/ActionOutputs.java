package io.github.npmprovenance.action;

import io.github.npmprovenance.report.Summary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Step outputs, written to {@code GITHUB_OUTPUT} in the multi-line form so no value can inject another. */
final class ActionOutputs {
    private ActionOutputs() {
    }

    static Map<String, String> of(Summary summary, String result, String jsonFile, String sarifFile) {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("total", Integer.toString(summary.total()));
        outputs.put("verified", Integer.toString(summary.verified()));
        outputs.put("signed", Integer.toString(summary.signed()));
        outputs.put("unsigned", Integer.toString(summary.unsigned()));
        outputs.put("invalid", Integer.toString(summary.invalid()));
        outputs.put("errors", Integer.toString(summary.error()));
        outputs.put("skipped", Integer.toString(summary.skipped()));
        outputs.put("passed", Integer.toString(summary.passed()));
        outputs.put("failed", Integer.toString(summary.failed()));
        outputs.put("result", result);
        outputs.put("report-json", jsonFile);
        outputs.put("sarif", sarifFile);
        return outputs;
    }

    static void write(Path file, Map<String, String> outputs) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            String delimiter = "npm_provenance_" + UUID.randomUUID().toString().replace("-", "");
            text.append(output.getKey()).append("<<").append(delimiter).append('\n')
                    .append(output.getValue()).append('\n').append(delimiter).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
