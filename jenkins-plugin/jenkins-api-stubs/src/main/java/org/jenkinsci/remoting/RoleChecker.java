package org.jenkinsci.remoting;

/** Mirrors remoting {@code org.jenkinsci.remoting.RoleChecker} (type only). */
public abstract class RoleChecker {
}
