package io.github.npmprovenance.action;

import java.io.IOException;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPullRequest;

/** One pull-request comment, found again by a hidden marker and updated in place on every run. */
final class StickyComment {
    static final String MARKER = "<!-- npm-provenance-verifier -->";

    private StickyComment() {
    }

    static void upsert(GHPullRequest pullRequest, String markdown) throws IOException {
        String body = MARKER + "\n" + markdown;
        for (GHIssueComment comment : pullRequest.listComments()) {
            if (comment.getBody() != null && comment.getBody().startsWith(MARKER)) {
                comment.update(body);
                return;
            }
        }
        pullRequest.comment(body);
    }
}
