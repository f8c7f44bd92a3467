package io.jenkins.plugins.npmprovenance;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.npmprovenance.model.StepParameters;
import java.util.List;
import java.util.Set;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
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
            StepParameters.MODE_CHOICES.forEach(choice -> items.add(choice.label(), choice.value()));
            return items;
        }

        /**
         * The secret-text credentials the job's builds can use for the registry, as the credentials plugin's guide
         * lists them: only to those who may configure the job or use its credentials (else only the current value,
         * so that saving the form keeps it), and looked up as the job's builds will look them up.
         */
        public ListBoxModel doFillTokenCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String registry, @QueryParameter String tokenCredentialsId) {
            StandardListBoxModel result = new StandardListBoxModel();
            String current = tokenCredentialsId == null ? "" : tokenCredentialsId;
            boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                return result.includeCurrentValue(current);
            }
            String url = registry == null ? "" : registry.trim();
            // the same domain requirement as the build's look-up, so that the list offers no credential it would refuse
            List<DomainRequirement> requirements = url.isEmpty() ? List.of()
                    : URIRequirementBuilder.fromUri(url).build();
            return result.includeEmptyValue()
                    .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                            item, StringCredentials.class, requirements, CredentialsMatchers.always())
                    .includeCurrentValue(current);
        }

        public FormValidation doCheckTokenCredentialsId(@QueryParameter String value, @QueryParameter String registry) {
            return StepParameters.problemWithToken(value, registry).map(FormValidation::error)
                    .orElse(FormValidation.ok());
        }
    }
}
