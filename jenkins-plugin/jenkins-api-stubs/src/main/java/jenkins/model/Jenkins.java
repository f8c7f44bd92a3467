package jenkins.model;

import hudson.Plugin;
import hudson.ProxyConfiguration;
import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Mirrors jenkins-core {@code jenkins.model.Jenkins}: only the members the plugin uses. */
public class Jenkins implements AccessControlled {
    public static final Permission ADMINISTER = null;

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public ProxyConfiguration getProxy() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Plugin getPlugin(String shortName) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
