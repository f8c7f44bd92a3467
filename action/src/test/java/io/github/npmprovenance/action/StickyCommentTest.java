package io.github.npmprovenance.action;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;

/** The pull-request comment the action keeps up to date, against a loopback GitHub API. */
class StickyCommentTest {
    private final FakeGitHub github = new FakeGitHub();
    private GitHub api;

    @BeforeEach
    void pullRequest() throws Exception {
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/pulls/7")).willReturn(github.json(200,
                "pull-request.json", Map.of("headSha", FakeGitHub.HEAD_SHA, "baseSha", "a".repeat(40)))));
        github.server.stubFor(post(urlPathEqualTo("/repos/o/r/issues/7/comments"))
                .willReturn(github.json(201, "issue-comment.json", Map.of("body", StickyComment.MARKER))));
        for (int id : List.of(1, 2)) {
            github.server.stubFor(patch(urlPathEqualTo("/repos/o/r/issues/comments/" + id))
                    .willReturn(github.json(200, "issue-comment.json", Map.of("body", StickyComment.MARKER))));
        }
        api = new GitHubBuilder().withEndpoint(github.url()).withAppInstallationToken("ghs_test").build();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private void comments(String ownCommentAuthor) {
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments")).willReturn(github.json(200,
                "issue-comments-planted.json", Map.of("body", StickyComment.MARKER, "author", ownCommentAuthor))));
    }

    private void upsert(String markdown) throws Exception {
        GHPullRequest pullRequest = api.getRepository("o/r").getPullRequest(7);
        StickyComment.upsert(pullRequest, StickyComment.DEFAULT_CHECK_NAME, markdown, StickyComment.author(api));
    }

    @Test
    void aCommentWithoutAnAuthorIsPassedOverNotAFailure() throws Exception {
        // GitHub may answer "user": null; github-api's getUserName() then threw, and the job ended with a stack trace
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments")).willReturn(github.json(200,
                "issue-comments-ghost.json", Map.of("body", StickyComment.MARKER))));

        upsert("## npm provenance: passed");

        assertThat(github.requests(RequestMethod.PATCH, "/repos/o/r/issues/comments/3")).isEmpty();
        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/issues/comments/1")).singleElement()
                .satisfies(b -> assertThat(b.path("body").asText()).endsWith("## npm provenance: passed"));
        assertThat(github.requests(RequestMethod.POST, "/repos/o/r/issues/7/comments")).isEmpty();
    }

    @Test
    void eachCheckNameKeepsItsOwnCommentSoTwoLockfilesDoNotOverwriteEachOther() throws Exception {
        // a monorepo's matrix verifies web/ and api/ under their own check names, both with comment: true
        String web = StickyComment.marker("npm provenance (web)");
        String api = StickyComment.marker("npm provenance (api)");
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments")).willReturn(github.json(200,
                "issue-comments.json", Map.of("body", web + "\\n## npm provenance: passed"))));
        GHPullRequest pullRequest = this.api.getRepository("o/r").getPullRequest(7);

        StickyComment.upsert(pullRequest, "npm provenance (api)", "## npm provenance: failed",
                StickyComment.author(this.api));

        assertThat(github.requests(RequestMethod.PATCH, "/repos/o/r/issues/comments/1")).isEmpty();
        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/issues/7/comments")).singleElement()
                .satisfies(b -> assertThat(b.path("body").asText()).startsWith(api + "\n## npm provenance: failed"));
        assertThat(web).isNotEqualTo(api).doesNotStartWith(StickyComment.MARKER);
        // a name cannot end the HTML comment early, nor be a prefix that matches another name's marker
        assertThat(StickyComment.marker("x --> <img src=x>")).startsWith("<!-- ").endsWith(" -->")
                .containsOnlyOnce("-->");
        assertThat(StickyComment.marker(StickyComment.DEFAULT_CHECK_NAME)).isEqualTo(StickyComment.MARKER);
    }

    @Test
    void theDefaultCheckNameStillFindsTheCommentAnEarlierVersionLeft() throws Exception {
        github.server.stubFor(get(urlPathEqualTo("/repos/o/r/issues/7/comments")).willReturn(github.json(200,
                "issue-comments.json", Map.of("body", StickyComment.MARKER + "\\n## npm provenance: passed"))));

        upsert("## npm provenance: failed");

        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/issues/comments/1")).hasSize(1);
        assertThat(github.requests(RequestMethod.POST, "/repos/o/r/issues/7/comments")).isEmpty();
    }

    @Test
    void aMarkedCommentPlantedByAnotherUserIsNotTakenForTheActions() throws Exception {
        comments(StickyComment.GITHUB_ACTIONS);

        upsert("## npm provenance: failed");

        assertThat(github.requests(RequestMethod.PATCH, "/repos/o/r/issues/comments/2")).isEmpty();
        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/issues/comments/1")).singleElement()
                .satisfies(b -> assertThat(b.path("body").asText()).contains("## npm provenance: failed"));
    }

    @Test
    void withOnlyAPlantedCommentANewOneIsPosted() throws Exception {
        comments("mallory-too");

        upsert("## npm provenance: failed");

        assertThat(github.requests(RequestMethod.PATCH, "/repos/o/r/issues/comments/2")).isEmpty();
        assertThat(github.requests(RequestMethod.PATCH, "/repos/o/r/issues/comments/1")).isEmpty();
        assertThat(github.bodies(RequestMethod.POST, "/repos/o/r/issues/7/comments")).hasSize(1);
    }

    @Test
    void aPersonalTokensOwnCommentIsFoundByItsUsersLogin() throws Exception {
        github.server.stubFor(get(urlPathEqualTo("/user")).willReturn(github.json(200, "user.json", Map.of())));
        comments("octocat");

        upsert("## npm provenance: passed");

        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/issues/comments/1")).hasSize(1);
    }

    @Test
    void anInstallationTokenMayNotAskWhoItIsAndTakesItsAppsBotComment() throws Exception {
        // GITHUB_TOKEN comments as github-actions[bot], a GitHub App's token as that app's bot
        github.server.stubFor(get(urlPathEqualTo("/user")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));
        comments("my-verifier-app[bot]");

        upsert("## npm provenance: passed");

        assertThat(github.bodies(RequestMethod.PATCH, "/repos/o/r/issues/comments/1")).hasSize(1);
        assertThat(github.requests(RequestMethod.PATCH, "/repos/o/r/issues/comments/2")).isEmpty();
        assertThat(StickyComment.author(api)).accepts(StickyComment.GITHUB_ACTIONS).rejects("mallory", "octocat");
    }

    @Test
    void aReportOverTheCommentLimitIsCutToFitOnWholeLines() throws Exception {
        comments(StickyComment.GITHUB_ACTIONS);
        String row = "| nuxt-3.13.0 | INVALID | lockfile integrity differs from the registry's |\n";

        upsert("## npm provenance: failed\n" + row.repeat(2_000));

        JsonNode body = github.bodies(RequestMethod.PATCH, "/repos/o/r/issues/comments/1").get(0).path("body");
        assertThat(body.asText()).hasSizeLessThanOrEqualTo(65_536).startsWith(StickyComment.MARKER)
                .contains("Truncated");
        assertThat(body.asText().split("\n\n> \\*\\*Truncated")[0]).endsWith("registry's |");
    }
}
