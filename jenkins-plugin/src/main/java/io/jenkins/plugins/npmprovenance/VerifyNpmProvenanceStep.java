package io.jenkins.plugins.npmprovenance;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.npmprovenance.model.StepParameters;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code verifyNpmProvenance()}: verifies the workspace's npm lockfile on the agent and reports on the build. Every
 * parameter is optional and mirrors an option of the command line.
 */
public class VerifyNpmProvenanceStep extends Step {
    private String lockfile = "";
    private String policy = "";
    private String failOn = "";
    private String registry = "";
    private String tokenCredentialsId = "";
    private String mode = "";
    private boolean cache = true;

    @DataBoundConstructor
    public VerifyNpmProvenanceStep() {
    }

    public String getLockfile() {
        return lockfile;
    }

    @DataBoundSetter
    public void setLockfile(String lockfile) {
        this.lockfile = lockfile;
    }

    public String getPolicy() {
        return policy;
    }

    @DataBoundSetter
    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = failOn;
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = registry;
    }

    public String getTokenCredentialsId() {
        return tokenCredentialsId;
    }

    @DataBoundSetter
    public void setTokenCredentialsId(String tokenCredentialsId) {
        this.tokenCredentialsId = tokenCredentialsId;
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = mode;
    }

    public boolean isCache() {
        return cache;
    }

    @DataBoundSetter
    public void setCache(boolean cache) {
        this.cache = cache;
    }

    StepParameters parameters() {
        return new StepParameters(lockfile, policy, failOn, registry, tokenCredentialsId, mode, cache);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new VerifyNpmProvenanceExecution(context, parameters());
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class, FlowNode.class);
        }

        @Override
        public String getFunctionName() {
            return "verifyNpmProvenance";
        }

        @Override
        public String getDisplayName() {
            return "Verify npm registry signatures and provenance of the lockfile";
        }

        public FormValidation doCheckLockfile(@QueryParameter String value) {
            return StepParameters.problemWithPath("lockfile", value == null ? "" : value.trim())
                    .map(FormValidation::error).orElse(FormValidation.ok());
        }

        public FormValidation doCheckPolicy(@QueryParameter String value) {
            return StepParameters.problemWithPath("policy", value == null ? "" : value.trim())
                    .map(FormValidation::error).orElse(FormValidation.ok());
        }

        public FormValidation doCheckFailOn(@QueryParameter String value) {
            return StepParameters.problemWithFailOn(value == null ? "" : value.trim())
                    .map(FormValidation::error).orElse(FormValidation.ok());
        }

        public FormValidation doCheckRegistry(@QueryParameter String value) {
            return StepParameters.problemWithRegistry(value == null ? "" : value.trim())
                    .map(FormValidation::error).orElse(FormValidation.ok());
        }

        public ListBoxModel doFillModeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add("Every package (all)", "all");
            items.add("Only packages the change brought in (changed)", "changed");
            return items;
        }
    }
}
