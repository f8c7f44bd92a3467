package hudson.security;

/** Mirrors jenkins-core {@code hudson.security.Permission} (type only). */
public final class Permission {
    private Permission() {
    }
}
