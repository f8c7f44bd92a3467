package io.github.npmprovenance.action;

import io.github.npmprovenance.report.TextLimit;
import java.io.IOException;
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

    static void upsert(GHPullRequest pullRequest, String markdown, Predicate<String> author) throws IOException {
        String body = body(markdown);
        for (GHIssueComment comment : pullRequest.listComments()) {
            if (author.test(comment.getUserName()) && comment.getBody() != null
                    && comment.getBody().startsWith(MARKER)) {
                comment.update(body);
                return;
            }
        }
        pullRequest.comment(body);
    }

    static String body(String markdown) {
        return TextLimit.utf16Chars(MARKER + "\n" + markdown, MAX_BODY_CHARS, TRUNCATED);
    }
}
