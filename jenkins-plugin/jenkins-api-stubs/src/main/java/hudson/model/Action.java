package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Action} (the optional default methods are left out). */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    default String getUrlName() {
        return null;
    }
}
