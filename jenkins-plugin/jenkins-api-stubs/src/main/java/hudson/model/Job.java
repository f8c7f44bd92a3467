package hudson.model;

/** Mirrors jenkins-core {@code hudson.model.Job} (type and generics only). */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
}
