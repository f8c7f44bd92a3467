package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.ModelObject}. */
public interface ModelObject {
    String getDisplayName();
}
