package io.github.npmprovenance.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Without these, a description that allowed anything would pass every request the other tests check. */
class GitHubApiDescriptionTest {
    private static final String CREATE = """
            {"name":"npm provenance","head_sha":"%s","status":"in_progress",
             "output":{"title":"t","summary":"s","annotations":[{"path":"package-lock.json","start_line":43,
             "end_line":43,"annotation_level":"%s","message":"m","title":"nuxt@3.13.0"}]}}""";

    @Test
    void aCheckRunAsTheActionCreatesOneConforms() {
        assertThat(GitHubApiDescription.violations("POST", "/repos/o/r/check-runs",
                CREATE.formatted(FakeGitHub.HEAD_SHA, "failure"))).isEmpty();
    }

    @Test
    void anAnnotationLevelGitHubDoesNotKnowIsCaught() {
        // the levels are notice, warning and failure: "error" is what workflow commands call it
        assertThat(GitHubApiDescription.violations("POST", "/repos/o/r/check-runs",
                CREATE.formatted(FakeGitHub.HEAD_SHA, "error")))
                .singleElement().asString().contains("annotation_level").contains("POST /repos/o/r/check-runs");
    }

    @Test
    void aMissingRequiredFieldAWrongTypeAndAnUnknownEndpointAreCaught() {
        assertThat(GitHubApiDescription.violations("POST", "/repos/o/r/check-runs", "{\"head_sha\":\"x\"}"))
                .singleElement().asString().contains("name");
        assertThat(GitHubApiDescription.violations("PATCH", "/repos/o/r/issues/comments/1", "{\"body\":7}"))
                .singleElement().asString().contains("body");
        assertThat(GitHubApiDescription.violations("POST", "/repos/o/r/check-suites", "{}"))
                .singleElement().asString().contains("no such operation");
        assertThat(GitHubApiDescription.violations("GET", "/repos/o/r/issues/7/comments?per_page=lots&sort=x", ""))
                .hasSize(2).anySatisfy(v -> assertThat(v).contains("per_page"))
                .anySatisfy(v -> assertThat(v).contains("undocumented query parameter sort"));
        assertThat(GitHubApiDescription.violations("GET", "/repos/o/r/contents/web/app/package-lock.json?ref=abc",
                "")).isEmpty();
    }

    @Test
    void theFakeFailsTheTestThatSentItARequestGitHubWouldRefuse() throws Exception {
        FakeGitHub github = new FakeGitHub();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(github.url() + "/repos/o/r/check-runs"))
                .POST(HttpRequest.BodyPublishers.ofString(CREATE.formatted(FakeGitHub.HEAD_SHA, "error"))).build(),
                HttpResponse.BodyHandlers.discarding());

        assertThatThrownBy(github::close).isInstanceOf(AssertionError.class)
                .hasMessageContaining("annotation_level");
    }
}
