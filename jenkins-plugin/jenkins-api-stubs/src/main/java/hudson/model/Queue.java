package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Queue} (the nested type the plugin uses). */
public class Queue {
    private Queue() {
    }

    /** Mirrors {@code hudson.model.Queue.Task} (type only). */
    public interface Task {
    }
}
