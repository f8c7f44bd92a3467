package hudson;

import hudson.util.Secret;
import java.io.Serializable;

/** Mirrors jenkins-core {@code hudson.ProxyConfiguration}: the fields and getters the plugin uses. */
public final class ProxyConfiguration implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String name;
    public final int port;

    public ProxyConfiguration(String name, int port) {
        this.name = name;
        this.port = port;
    }

    public String getUserName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getNoProxyHost() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
