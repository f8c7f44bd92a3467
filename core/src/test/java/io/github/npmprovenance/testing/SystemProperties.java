package io.github.npmprovenance.testing;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

/**
 * Runs a check with some JVM system properties set (a key store, a proxy, a disabled scheme, as a user's
 * {@code -D} options would set them), and puts back afterwards what each was, set or not: the tests share one JVM.
 */
public final class SystemProperties {
    private SystemProperties() {
    }

    public static void with(Map<String, String> properties, Executable check) throws Throwable {
        Map<String, String> before = new HashMap<>();
        properties.keySet().forEach(key -> before.put(key, System.getProperty(key)));
        try {
            properties.forEach(System::setProperty);
            check.execute();
        } finally {
            before.forEach((key, value) -> {
                if (value == null) {
                    System.clearProperty(key);
                } else {
                    System.setProperty(key, value);
                }
            });
        }
    }
}
