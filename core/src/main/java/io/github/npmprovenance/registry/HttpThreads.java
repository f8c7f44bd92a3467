package io.github.npmprovenance.registry;

/**
 * Lets a finished process exit promptly. On JDK 17, {@code java.net.http.HttpClient} keeps a selector thread
 * blocked in native code and has no {@code close()} (JDK 21 adds one); the JVM's exit then waits about 300 ms for
 * that thread to leave native code. Waking the idle selectors first removes the wait. Call it only once all
 * registry work is done, right before exiting.
 */
public final class HttpThreads {
    private HttpThreads() {
    }

    public static void releaseBeforeExit() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isDaemon() && thread.getName().startsWith("HttpClient-")
                    && thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
            }
        }
    }
}
