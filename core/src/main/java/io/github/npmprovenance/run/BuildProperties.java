package io.github.npmprovenance.run;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** A properties file that the build wrote beside a class (the version, the trust material's), for the front ends. */
public final class BuildProperties {
    private BuildProperties() {
    }

    /** The resource's properties, resolved as {@link Class#getResourceAsStream} does; none when it cannot be read. */
    public static Properties of(Class<?> anchor, String resource) {
        Properties properties = new Properties();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // an unreadable resource only costs a version line its detail
        }
        return properties;
    }
}
