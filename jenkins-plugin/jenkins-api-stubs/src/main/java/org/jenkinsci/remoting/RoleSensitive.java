package org.jenkinsci.remoting;

/** Mirrors remoting {@code org.jenkinsci.remoting.RoleSensitive}. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
