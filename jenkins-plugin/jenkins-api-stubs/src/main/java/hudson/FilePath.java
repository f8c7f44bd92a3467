package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/** Mirrors jenkins-core {@code hudson.FilePath}: only the members the plugin uses. */
public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    public FilePath(File localPath) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void write(final String content, final String encoding) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public boolean isDirectory() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /** Mirrors {@code hudson.FilePath.FileCallable}. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
