package io.jenkins.plugins.npmprovenance.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the agent sends back is read on the controller through Remoting under Jenkins' JEP-200 class filter
 * ({@code jenkins.security.ClassFilterImpl}): a class of the Java platform passes only when it is named in core's
 * {@code jenkins/security/whitelisted-classes.txt}; a class of a plugin's own jar passes, a class of a library the
 * plugin bundles (npm-provenance-core has no plugin manifest) does not; arrays, enums and throwables always pass.
 * This test reads the stream with those rules. Only the whitelist entries a result could plausibly contain are
 * listed here; {@code java.util.CollSer} (what {@code List.of}/{@code List.copyOf} serialize as) is not on it.
 */
class RemotingClassFilterTest {
    /** Excerpt of jenkinsci/jenkins core/src/main/resources/jenkins/security/whitelisted-classes.txt. */
    private static final Set<String> JENKINS_WHITELIST = Set.of("java.lang.String", "java.lang.Integer",
            "java.lang.Long", "java.lang.Boolean", "java.lang.Number", "java.util.ArrayList", "java.util.Arrays$ArrayList",
            "java.util.HashMap", "java.util.LinkedHashMap", "java.util.Collections$EmptyList",
            "java.util.Collections$SingletonList", "java.util.Collections$UnmodifiableCollection",
            "java.util.Collections$UnmodifiableList", "java.util.Collections$UnmodifiableRandomAccessList");

    private static Object throughController(Object sent) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sent);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                Class<?> c = super.resolveClass(desc);
                boolean permitted = c.isArray() || c.isPrimitive() || Throwable.class.isAssignableFrom(c)
                        || Enum.class.isAssignableFrom(c) || c.getName().startsWith("io.jenkins.plugins.npmprovenance.")
                        || JENKINS_WHITELIST.contains(c.getName());
                if (!permitted) {
                    throw new InvalidClassException(c.getName(), "rejected by the controller's class filter (JEP-200)");
                }
                return c;
            }
        }) {
            return in.readObject();
        }
    }

    @Test
    void theAgentsResultPassesTheControllersClassFilter() throws Exception {
        AgentResult sent = new AgentResult("{}", new ArrayList<>(List.of("npm-provenance/report.json")), 12,
                new ArrayList<>(List.of("a warning")), "sub/", "", "web/");

        AgentResult received = (AgentResult) throughController(sent);

        assertThat(received).isEqualTo(sent);
        AgentResult immutableLists = new AgentResult("{}", List.of(), 0, List.of(), "", "web/", "");
        assertThat(throughController(immutableLists)).isEqualTo(immutableLists);
    }
}
