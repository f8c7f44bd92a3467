package hudson;

/** Mirrors jenkins-core {@code hudson.ExtensionPoint} (marker interface). */
public interface ExtensionPoint {
}
