package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Descriptor}: only the members the plugin uses. */
public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    protected Descriptor(Class<? extends T> clazz) {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
