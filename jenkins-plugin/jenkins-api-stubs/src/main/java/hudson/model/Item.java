package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Mirrors jenkins-core {@code hudson.model.Item}: the members the plugin uses. */
public interface Item extends AccessControlled {
    Permission EXTENDED_READ = null;
}
