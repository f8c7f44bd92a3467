package hudson.model.queue;

import hudson.model.Queue;
import org.springframework.security.core.Authentication;

/** Mirrors jenkins-core {@code hudson.model.queue.Tasks}: the member the plugin uses. */
public class Tasks {
    public Tasks() {
    }

    public static Authentication getAuthenticationOf2(Queue.Task t) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
