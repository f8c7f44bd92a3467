package hudson.model;

import java.util.List;

/** Mirrors jenkins-core {@code hudson.model.Actionable}: only the members the plugin uses. */
public abstract class Actionable {
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean addOrReplaceAction(Action a) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
