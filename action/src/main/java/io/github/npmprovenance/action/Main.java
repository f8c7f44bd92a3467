package io.github.npmprovenance.action;

import io.github.npmprovenance.registry.HttpThreads;
import io.github.npmprovenance.registry.ProxyAuthentication;
import io.github.npmprovenance.run.BuildProperties;

/** The container's entry point: everything comes from the environment the runner sets. */
public final class Main {
    static final String VERSION = BuildProperties.of(Main.class, "version.properties")
            .getProperty("version", "unknown");

    private Main() {
    }

    public static void main(String[] args) {
        // before any HTTP client exists: java.net.http reads it once (see ProxyAuthentication)
        ProxyAuthentication.allowBasicThroughTunnels();
        io.github.npmprovenance.report.ReportFile.removeUnfinishedAtExit();
        int exitCode = new ActionRunner(System::getenv, System.out).run();
        HttpThreads.releaseBeforeExit();
        System.exit(exitCode);
    }
}
