package hudson;

import java.util.TreeMap;

/** Mirrors jenkins-core {@code hudson.EnvVars}. */
public class EnvVars extends TreeMap<String, String> {
    private static final long serialVersionUID = 1L;
}
