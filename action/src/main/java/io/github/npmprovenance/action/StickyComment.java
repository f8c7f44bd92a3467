package io.github.npmprovenance.action;

import io.github.npmprovenance.report.TextLimit;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GitHub;

/**
 * One pull-request comment, found again by a hidden marker and updated in place on every run. Anyone who can
 * comment can write the marker, so only a marked comment by the token's own account is taken for ours.
 */
final class StickyComment {
    static final String MARKER = "<!-- npm-provenance-verifier -->";
    /** The check-name input's default, as action.yml declares it. */
    static final String DEFAULT_CHECK_NAME = "npm provenance";
    /** Who comments with a workflow's GITHUB_TOKEN. */
    static final String GITHUB_ACTIONS = "github-actions[bot]";
    /** GitHub refuses a longer comment body. */
    static final int MAX_BODY_CHARS = 65_536;
    static final String TRUNCATED = "\n\n> **Truncated**: the full report is in the job summary and the JSON and "
            + "SARIF files.\n";

    private StickyComment() {
    }

    /**
     * Whose comments can be the token's own: its user's, for a personal token. An installation token (GITHUB_TOKEN,
     * or a GitHub App's) may not ask who it is, and comments as its app's bot: then any bot's, as logins ending in
     * {@code [bot]} belong to GitHub Apps installed on the repository, which no pull request author can post as.
     */
    static Predicate<String> author(GitHub github) {
        try {
            String login = github.getMyself().getLogin();
            return login::equals;
        } catch (IOException | RuntimeException e) {
            return login -> login != null && login.endsWith("[bot]");
        }
    }

    /**
     * The marker of the comment for one check name. Each lockfile a workflow verifies (a matrix over a monorepo's
     * lockfiles, or two steps) has its own check name, and keeps its own comment: one marker for all would have
     * each run overwrite the other's report. The default check name keeps the marker it always had, so the comment
     * of an earlier version is still found; any other name is percent-encoded, so it cannot end the HTML comment.
     */
    static String marker(String checkName) {
        if (checkName.equals(DEFAULT_CHECK_NAME)) {
            return MARKER;
        }
        return "<!-- npm-provenance-verifier check=" + URLEncoder.encode(checkName, StandardCharsets.UTF_8)
                .replace("-", "%2D") + " -->";
    }

    static void upsert(GHPullRequest pullRequest, String checkName, String markdown, Predicate<String> author)
            throws IOException {
        String marker = marker(checkName);
        String body = body(marker, markdown);
        for (GHIssueComment comment : pullRequest.listComments()) {
            // the whole first line: one check name's marker is not another's that it begins
            if (author.test(login(comment)) && comment.getBody() != null
                    && comment.getBody().split("\\R", 2)[0].equals(marker)) {
                comment.update(body);
                return;
            }
        }
        pullRequest.comment(body);
    }

    /**
     * Who wrote the comment, or null: GitHub's schema lets {@code user} be null, and github-api then throws from
     * {@link GHIssueComment#getUserName()}. Such a comment is nobody's, so not ours.
     */
    private static String login(GHIssueComment comment) {
        try {
            return comment.getUserName();
        } catch (NullPointerException e) {
            return null;
        }
    }

    static String body(String marker, String markdown) {
        return TextLimit.markdownUtf16Chars(marker + "\n" + markdown, MAX_BODY_CHARS, TRUNCATED);
    }
}
