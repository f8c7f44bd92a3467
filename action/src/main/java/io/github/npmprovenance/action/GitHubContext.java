package io.github.npmprovenance.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the runner tells a container action about the run: the {@code GITHUB_*} variables and the event payload.
 *
 * @param pullRequest present when the event is about a pull request
 */
record GitHubContext(Path workspace, String eventName, String repository, String sha, String apiUrl,
        Optional<Path> stepSummary, Optional<Path> output, Optional<PullRequest> pullRequest) {

    /**
     * @param headSha the pull request's head commit: check runs go there, not on {@code GITHUB_SHA}, which is the
     *                test merge commit
     * @param fromFork the head repository differs from the base: the token is read-only
     * @param mergeSha the test merge commit of the head into the base ({@code merge_commit_sha}), empty when GitHub
     *                 has not made one
     */
    record PullRequest(int number, String headSha, String baseSha, boolean fromFork, String mergeSha) {
    }

    static GitHubContext from(Function<String, String> environment) throws IOException {
        Function<String, String> env = name -> Optional.ofNullable(environment.apply(name)).orElse("");
        Optional<PullRequest> pullRequest = Optional.empty();
        String eventPath = env.apply("GITHUB_EVENT_PATH");
        if (!eventPath.isEmpty() && Files.isRegularFile(Path.of(eventPath))) {
            JsonNode event = new ObjectMapper().readTree(Path.of(eventPath).toFile());
            JsonNode pr = event.path("pull_request");
            if (pr.isObject()) {
                pullRequest = Optional.of(new PullRequest(pr.path("number").asInt(),
                        pr.path("head").path("sha").asText(), pr.path("base").path("sha").asText(),
                        !pr.path("head").path("repo").path("full_name").asText()
                                .equals(pr.path("base").path("repo").path("full_name").asText()),
                        pr.path("merge_commit_sha").asText("")));
            }
        }
        String workspace = env.apply("GITHUB_WORKSPACE");
        return new GitHubContext(Path.of(workspace.isEmpty() ? "." : workspace), env.apply("GITHUB_EVENT_NAME"),
                env.apply("GITHUB_REPOSITORY"), env.apply("GITHUB_SHA"),
                env.apply("GITHUB_API_URL").isEmpty() ? "https://api.github.com" : env.apply("GITHUB_API_URL"),
                path(env.apply("GITHUB_STEP_SUMMARY")), path(env.apply("GITHUB_OUTPUT")), pullRequest);
    }

    /**
     * The commit the check run belongs to: the commit whose lockfile was verified. For a pull request that is its
     * head when the workspace holds the head or, on {@code pull_request}, {@code GITHUB_SHA}, the test merge commit of
     * the head into the base. On {@code pull_request_target} {@code GITHUB_SHA} is the base branch's last commit,
     * which is what a checkout gets by default: a check run on the head would pass a lockfile nobody verified; a
     * checkout of the event's test merge commit ({@code refs/pull/N/merge}) holds the pull request's lockfile, as on
     * {@code pull_request}. A merge commit stands for the head only when the head is one of its parents: GitHub makes
     * the test merge in the background, and an event's {@code merge_commit_sha} (or the merge ref a workflow fetches)
     * can still be the merge of an earlier head, whose lockfile is not the one the head brings. Any other event's
     * check goes on the commit the workspace holds, too: a workflow that checks out another ref (on
     * {@code workflow_run}, the triggering run's {@code head_sha}, as GitHub suggests for reporting on pull requests
     * from forks) verified that commit, not {@code GITHUB_SHA}, the default branch's.
     *
     * @param checkedOut the commit the workspace holds, when git can tell
     */
    String checkSha(Optional<RepositoryRoot.Commit> checkedOut) {
        Optional<String> head = pullRequest.map(PullRequest::headSha).filter(s -> !s.isEmpty());
        if (head.isEmpty()) {
            return checkedOut.map(RepositoryRoot.Commit::sha).orElse(sha);
        }
        boolean mergeCommit = !eventName.equals("pull_request_target");
        if (checkedOut.isEmpty()) {
            return mergeCommit ? head.get() : sha;
        }
        String commit = checkedOut.get().sha();
        if (commit.equals(head.get())) {
            return head.get();
        }
        String testMerge = pullRequest.get().mergeSha();
        boolean eventsMerge = (mergeCommit && commit.equals(sha)) || (!testMerge.isEmpty() && commit.equals(testMerge));
        return eventsMerge && checkedOut.get().parents().contains(head.get()) ? head.get() : commit;
    }

    private static Optional<Path> path(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
