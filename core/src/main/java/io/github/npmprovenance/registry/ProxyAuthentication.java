package io.github.npmprovenance.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * Whether this Java runtime sends a proxy's Basic credentials. {@code java.net.http} drops a
 * {@code Proxy-Authorization} header whose scheme {@code jdk.http.auth.tunneling.disabledSchemes} (for the
 * {@code CONNECT} of an https:// request; {@code Basic} in the JDK's {@code net.properties}) or
 * {@code jdk.http.auth.proxying.disabledSchemes} (for a plain http:// request) names, without an error: the proxy
 * would then answer 407 for every request, or a proxy that lets unauthenticated requests through would be used
 * without the credentials the user configured. The JDK reads these once, when {@code java.net.http} first starts.
 */
public final class ProxyAuthentication {
    static final String TUNNELING = "jdk.http.auth.tunneling.disabledSchemes";
    static final String PROXYING = "jdk.http.auth.proxying.disabledSchemes";

    private ProxyAuthentication() {
    }

    /**
     * For launchers, first thing in {@code main}, before any HTTP client exists: lets Basic credentials through a
     * {@code CONNECT}, as npm sends them. The JDK disables this by default so that an {@code Authenticator} does not
     * hand a password in clear to whatever proxy challenges for it; here no authenticator is installed, and the
     * credentials go, as npm sends them, only to the proxy whose URL holds them. A value the user set is kept.
     */
    public static void allowBasicThroughTunnels() {
        if (System.getProperty(TUNNELING) == null) {
            System.setProperty(TUNNELING, "");
        }
    }

    /** Whether Basic credentials for a request of this scheme would be dropped by the JDK. */
    static boolean basicDisabled(boolean tunnel) {
        String property = tunnel ? TUNNELING : PROXYING;
        String schemes = System.getProperty(property);
        if (schemes == null) {
            schemes = netProperties().getProperty(property, "");
        }
        return Arrays.stream(schemes.split(",")).map(String::trim).anyMatch("Basic"::equalsIgnoreCase);
    }

    static String property(boolean tunnel) {
        return tunnel ? TUNNELING : PROXYING;
    }

    private static Properties netProperties() {
        Properties properties = new Properties();
        Path file = Path.of(System.getProperty("java.home"), "conf", "net.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                // unreadable: taken as the JDK's default, Basic disabled for tunnels
                properties.setProperty(TUNNELING, "Basic");
            }
        }
        return properties;
    }
}
