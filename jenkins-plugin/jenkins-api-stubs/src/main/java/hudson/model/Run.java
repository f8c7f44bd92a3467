package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Run}: only the members the plugin uses. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Result getResult() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public java.io.File getRootDir() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
