package jenkins;

import hudson.FilePath.FileCallable;
import org.jenkinsci.remoting.RoleChecker;

/** Mirrors jenkins-core {@code jenkins.MasterToSlaveFileCallable} (long-standing form). */
public abstract class MasterToSlaveFileCallable<T> implements FileCallable<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public void checkRoles(RoleChecker checker) throws SecurityException {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
