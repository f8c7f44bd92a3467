package hudson;

/** Mirrors jenkins-core {@code hudson.Plugin} (type only). */
public abstract class Plugin {
}
