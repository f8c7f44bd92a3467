package hudson.remoting;

/** Mirrors remoting {@code hudson.remoting.VirtualChannel} (type only). */
public interface VirtualChannel {
}
