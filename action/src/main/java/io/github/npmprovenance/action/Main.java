package io.github.npmprovenance.action;

import io.github.npmprovenance.registry.HttpThreads;
import io.github.npmprovenance.registry.ProxyAuthentication;

/** The container's entry point: everything comes from the environment the runner sets. */
public final class Main {
    static final String VERSION = version();

    private Main() {
    }

    private static String version() {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.InputStream in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (java.io.IOException e) {
            // an unreadable resource only costs the reports their version
        }
        return properties.getProperty("version", "unknown");
    }

    public static void main(String[] args) {
        // before any HTTP client exists: java.net.http reads it once (see ProxyAuthentication)
        ProxyAuthentication.allowBasicThroughTunnels();
        int exitCode = new ActionRunner(System::getenv, System.out).run();
        HttpThreads.releaseBeforeExit();
        System.exit(exitCode);
    }
}
