package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

/** Mirrors jenkins-core {@code hudson.model.TaskListener} (extends SerializableOnlyOverRemoting in core). */
public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
