package hudson.security;

import org.springframework.security.core.Authentication;

/** Mirrors jenkins-core {@code hudson.security.ACL}: the member the plugin uses. */
public abstract class ACL {
    public static final Authentication SYSTEM2 = null;
}
