package io.jenkins.plugins.npmprovenance.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.npmprovenance.NpmProvenanceAction;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The report page's Jelly views read {@code ${it.a.b}} and {@code ${row.c}} as JEXL property paths, which Jenkins'
 * JEXL resolves only through JavaBeans getters ({@code getB()}/{@code isB()}), never through a record's accessor
 * {@code b()}: a path that does not resolve renders as nothing. Every path in the views must resolve to a getter.
 */
class JellyViewPropertiesTest {
    private static final Path VIEWS = Path.of("../src/main/resources/io/jenkins/plugins/npmprovenance/NpmProvenanceAction");
    private static final Pattern PATH = Pattern.compile("\\b(it|row)((?:\\.[A-Za-z_]\\w*)+)(?!\\w*\\()");
    private static final Map<String, Class<?>> ROOTS = Map.of("it", NpmProvenanceAction.class, "row",
            ReportPage.Row.class);

    @Test
    void everyPropertyPathInTheViewsResolvesToAGetter() throws IOException {
        List<String> unresolved = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        try (Stream<Path> views = Files.list(VIEWS)) {
            for (Path view : views.filter(p -> p.toString().endsWith(".jelly")).toList()) {
                Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(Files.readString(view));
                while (m.find()) {
                    Matcher path = PATH.matcher(m.group(1));
                    while (path.find()) {
                        String expression = path.group(1) + path.group(2);
                        checked.add(expression);
                        if (!resolves(ROOTS.get(path.group(1)), path.group(2).substring(1).split("\\."))) {
                            unresolved.add(view.getFileName() + ": " + expression);
                        }
                    }
                }
            }
        }
        assertThat(checked).contains("it.counts", "it.page.packages", "row.name", "it.verdict");
        assertThat(unresolved).isEmpty();
    }

    private static boolean resolves(Class<?> type, String[] properties) {
        Class<?> current = type;
        for (String property : properties) {
            Method getter = getter(current, property);
            if (getter == null) {
                return false;
            }
            current = getter.getReturnType();
        }
        return true;
    }

    private static Method getter(Class<?> type, String property) {
        try {
            for (PropertyDescriptor d : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
                if (d.getName().equals(property) && d.getReadMethod() != null) {
                    return d.getReadMethod();
                }
            }
            return null;
        } catch (IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }
}
