package hudson.security;

/** Mirrors jenkins-core {@code hudson.security.AccessControlled}: the member the plugin uses. */
public interface AccessControlled {
    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
