package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.AbstractDescribableImpl}. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
