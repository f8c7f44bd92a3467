package io.github.npmprovenance.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import io.github.npmprovenance.report.Annotation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHubBuilder;

/** What the check-run API receives, against GitHub's documented limits. */
class CheckRunPublisherTest {
    private final FakeGitHub github = new FakeGitHub();

    @AfterEach
    void stop() {
        github.close();
    }

    private long publish(String summary, List<Annotation> annotations) throws IOException {
        GHRepository repository = new GitHubBuilder().withEndpoint(github.url())
                .withAppInstallationToken("ghs_test").build().getRepository("o/r");
        return new CheckRunPublisher(repository).publish("npm provenance", FakeGitHub.HEAD_SHA,
                GHCheckRun.Conclusion.FAILURE, "1 of 1 package failed", summary, annotations,
                UnaryOperator.identity());
    }

    private static Annotation failure(String title, String message) {
        return new Annotation("package-lock.json", 3, Annotation.Level.FAILURE, title, message);
    }

    private static int utf8Bytes(JsonNode text) {
        return text.asText().getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void nonAsciiSummaryIsCutToGitHubsByteLimitWithoutSplittingACharacter() throws Exception {
        // 40,000 characters but 120,000 bytes: under the old character count, over GitHub's byte limit
        String summary = "## npm provenance: failed\n" + "| 包 | 失败 |\n".repeat(4_000) + "😀".repeat(100);

        publish(summary, List.of(failure("x@1.0.0", "bad")));

        JsonNode output = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs").get(0).path("output");
        assertThat(utf8Bytes(output.path("summary"))).isLessThanOrEqualTo(65_535);
        assertThat(output.path("summary").asText()).startsWith("## npm provenance: failed\n| 包 | 失败 |")
                .contains("truncated").doesNotContain("\uFFFD");
    }

    @Test
    void longTitlesAndMessagesAreCutToWhatTheApiAccepts() throws Exception {
        String title = "@scope/" + "名".repeat(300) + "@1.0.0";
        String message = "é".repeat(40_000);

        publish("summary", List.of(failure(title, message)));

        JsonNode annotation = github.bodies(RequestMethod.POST, "/repos/o/r/check-runs").get(0)
                .path("output").path("annotations").get(0);
        assertThat(annotation.path("title").asText()).hasSizeLessThanOrEqualTo(255).startsWith("@scope/名名");
        assertThat(utf8Bytes(annotation.path("message"))).isLessThanOrEqualTo(65_535);
        assertThat(annotation.path("message").asText()).startsWith("éé");
    }

    @Test
    void aCheckRunCarryingEveryAnnotationSaysNothingWasLeftOut() {
        // exactly as many annotations as a check run carries: none left out, so no "0 more packages" note
        List<Annotation> all = IntStream.range(0, CheckRunPublisher.MAX_ANNOTATIONS)
                .mapToObj(i -> failure("p" + i + "@1.0.0", "INVALID")).toList();

        assertThat(CheckRunPublisher.leftOutNote(all)).isEmpty();
        List<Annotation> more = new ArrayList<>(all);
        more.add(failure("last@1.0.0", "INVALID"));
        more.add(failure("later@1.0.0", "INVALID"));
        assertThat(CheckRunPublisher.leftOutNote(more)).startsWith("**2 more packages are not annotated** on the "
                + "check run, which carries the first 1000 annotations");
        more.remove(more.size() - 1);
        assertThat(CheckRunPublisher.leftOutNote(more)).startsWith("**1 more package is not annotated** on the ");
    }

    @Test
    void aCheckRunThatCannotBeConcludedEitherIsNotSaidToBe() {
        // every update is refused: the one with annotations, and the one that would conclude the run
        github.server.stubFor(patch(urlPathEqualTo("/repos/o/r/check-runs/4")).atPriority(1)
                .willReturn(aResponse().withStatus(502)));
        List<Annotation> annotations = new ArrayList<>();
        IntStream.range(0, 60).forEach(i -> annotations.add(failure("p" + i + "@1.0.0", "bad")));

        assertThatThrownBy(() -> publish("the report", annotations))
                .isInstanceOfSatisfying(CheckRunPublisher.IncompleteCheckRun.class, e -> {
                    assertThat(e.concluded()).isFalse();
                    assertThat(e).hasMessageContaining("could not be concluded either")
                            .hasMessageNotContaining("it was concluded as failed");
                });
    }

    @Test
    void aFailedAnnotationBatchStillCompletesTheCheckRunAsFailed() {
        // the first update carries annotations 51-100: GitHub refuses it
        github.server.stubFor(patch(urlPathEqualTo("/repos/o/r/check-runs/4"))
                .withRequestBody(matchingJsonPath("$.output.annotations")).atPriority(1)
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Invalid request.\"}")));
        List<Annotation> annotations = new ArrayList<>();
        IntStream.range(0, 120).forEach(i -> annotations.add(failure("p" + i + "@1.0.0", "bad")));

        assertThatThrownBy(() -> publish("the report", annotations))
                .isInstanceOfSatisfying(CheckRunPublisher.IncompleteCheckRun.class, e -> {
                    assertThat(e.concluded()).isTrue();
                    assertThat(e).hasMessageContaining("it was concluded as failed");
                });

        List<JsonNode> updates = github.bodies(RequestMethod.PATCH, "/repos/o/r/check-runs/4");
        assertThat(updates).last().satisfies(last -> {
            assertThat(last.path("status").asText()).isEqualTo("completed");
            assertThat(last.path("conclusion").asText()).isEqualTo("failure");
            assertThat(last.path("output").path("summary").asText())
                    .contains("could not be published in full").contains("the report");
        });
    }
}
