package io.github.npmprovenance.action;

import io.github.npmprovenance.registry.HttpThreads;

/** The container's entry point: everything comes from the environment the runner sets. */
public final class Main {
    static final String VERSION = Main.class.getPackage().getImplementationVersion() == null ? "dev"
            : Main.class.getPackage().getImplementationVersion();

    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = new ActionRunner(System::getenv, System.out).run();
        HttpThreads.releaseBeforeExit();
        System.exit(exitCode);
    }
}
