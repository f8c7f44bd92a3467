package io.jenkins.plugins.npmprovenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.cloudbees.plugins.credentials.domains.HostnameSpecification;
import hudson.ProxyConfiguration;
import hudson.model.Fingerprint;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.github.npmprovenance.testing.FixtureRegistry;
import io.github.npmprovenance.testing.ForwardingProxy;
import io.github.npmprovenance.testing.TestLockfile;
import io.jenkins.plugins.checks.api.ChecksAnnotation;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.test.CapturingChecksPublisher;
import io.jenkins.plugins.npmprovenance.model.ReportPage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The step in a real Jenkins (Jenkins Test Harness), against the loopback fixture registry: runs only with
 * {@code -Pjenkins}, where the Jenkins artifact repository is reachable.
 */
@WithJenkins
class VerifyNpmProvenanceStepITest {
    @TestExtension
    public static final CapturingChecksPublisher.Factory CHECKS = new CapturingChecksPublisher.Factory();

    private FixtureRegistry registry;

    @BeforeEach
    void startRegistry() {
        registry = FixtureRegistry.start();
    }

    @AfterEach
    void stop() {
        registry.close();
        CHECKS.getPublishedChecks().clear();
    }

    private static String lockfile(boolean tampered) {
        TestLockfile lockfile = new TestLockfile().add("sigstore", "1.0.0").add("nuxt", "3.13.0");
        if (tampered) {
            String integrity = lockfile.entry("nuxt").get("integrity").asText();
            lockfile.entry("nuxt").put("integrity", integrity.replace("Ew3w", "Ew4w"));
        }
        return lockfile.json();
    }

    private WorkflowRun run(JenkinsRule j, String lockfile, String arguments, Result expected) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'web/package-lock.json', text: '''" + lockfile + "'''\n"
                + "  def r = verifyNpmProvenance(lockfile: 'web', registry: '" + registry.url() + "'" + arguments + ")\n"
                + "  echo \"counts: ${r.invalid} invalid of ${r.total}\"\n"
                + "}", true));
        return j.assertBuildStatus(expected, job.scheduleBuild2(0));
    }

    @Test
    void verifiedPackagesPassAndTheBuildPageShowsTheirSource(JenkinsRule j) throws Exception {
        WorkflowRun build = run(j, lockfile(false), "", Result.SUCCESS);

        j.assertLogContains("counts: 0 invalid of 2", build);
        j.assertLogContains("2 packages checked in", build);
        NpmProvenanceAction action = build.getAction(NpmProvenanceAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getPage().getRows()).extracting(ReportPage.Row::getStatus).containsOnly("VERIFIED");
        assertThat(action.getPage().getRows().get(0).getSourceUrl()).startsWith("https://github.com/");
        j.createWebClient().goTo(build.getUrl() + "npm-provenance/");
        // the report has its own file; build.xml, read for every build Jenkins lists, keeps only the summary
        assertThat(build.getRootDir().toPath().resolve("npm-provenance-1.json")).isRegularFile();
        assertThat(build.getRootDir().toPath().resolve("build.xml")).content().doesNotContain("registry-signature");
        assertThat(build.getWorkspace() == null || build.getParent().getLastBuild() != null).isTrue();
    }

    @Test
    void twoLockfilesOfOneBuildGetTwoReportPages(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "two");
        job.setDefinition(new CpsFlowDefinition("node {\n"
                + "  writeFile file: 'a/package-lock.json', text: '''" + lockfile(false) + "'''\n"
                + "  writeFile file: 'b/package-lock.json', text: '''" + lockfile(false) + "'''\n"
                + "  verifyNpmProvenance(lockfile: 'a', registry: '" + registry.url() + "')\n"
                + "  verifyNpmProvenance(lockfile: 'b', registry: '" + registry.url() + "')\n"
                + "}", true));
        WorkflowRun build = j.assertBuildStatusSuccess(job.scheduleBuild2(0));

        assertThat(build.getActions(NpmProvenanceAction.class)).extracting(NpmProvenanceAction::getUrlName)
                .containsExactly("npm-provenance", "npm-provenance-2");
        assertThat(j.createWebClient().goTo(build.getUrl() + "npm-provenance-2/").asNormalizedText())
                .contains("b/package-lock.json");
    }

    @Test
    void anInvalidPackageFailsTheBuildWithAClearMessage(JenkinsRule j) throws Exception {
        WorkflowRun build = run(j, lockfile(true), "", Result.FAILURE);

        j.assertLogContains("npm provenance: INVALID nuxt@3.13.0 (web/package-lock.json:", build);
        j.assertLogContains("npm provenance: 1 of 2 packages failed", build);
        assertThat(build.getAction(NpmProvenanceAction.class)).isNotNull();
    }

    @Test
    void failOnNoneMakesTheBuildUnstableWithAWarningOnTheStep(JenkinsRule j) throws Exception {
        WorkflowRun build = run(j, lockfile(true), ", failOn: 'none'", Result.UNSTABLE);

        j.assertLogContains("counts: 1 invalid of 2", build);
        assertThat(new DepthFirstScanner().allNodes(build.getExecution()).stream()
                .map(n -> n.getPersistentAction(WarningAction.class)).filter(a -> a != null).toList())
                .singleElement().satisfies(a -> assertThat(a.getResult()).isEqualTo(Result.UNSTABLE));
        assertThat(CHECKS.getPublishedChecks()).singleElement()
                .satisfies(check -> assertThat(check.getConclusion()).isEqualTo(ChecksConclusion.NEUTRAL));
    }

    @Test
    void badParametersAbortBeforeAnythingRuns(JenkinsRule j) throws Exception {
        WorkflowRun build = run(j, lockfile(false), ", failOn: 'sometimes'", Result.FAILURE);

        j.assertLogContains("verifyNpmProvenance: failOn: unknown status \"sometimes\"", build);
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void aTokenRestrictedToAnotherHostsDomainIsNotSentToTheRegistry(JenkinsRule j) throws Exception {
        // the credential's domain is the administrator's word on where the token may go: the registry's URL is the
        // lookup's domain requirement, so the step does not find it for the loopback registry
        Domain internal = new Domain("internal", "", List.of(new HostnameSpecification("npm.internal.example", "")));
        SystemCredentialsProvider.getInstance().getStore().addDomain(internal, new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "npm-token", "", Secret.fromString("s3cret-npm-token")));

        WorkflowRun build = run(j, lockfile(false), ", tokenCredentialsId: 'npm-token'", Result.FAILURE);

        j.assertLogContains("no secret-text credential with id 'npm-token' is available to this build", build);
        assertThat(registry.requests()).isEmpty();
    }

    @Test
    void theTokensCredentialRecordsTheBuildsThatUsedIt(JenkinsRule j) throws Exception {
        // the credential's usage (its fingerprint) lists the builds it went to, as credentials-binding records it;
        // findCredentialById does so itself only for a credential given as a build parameter
        StringCredentialsImpl token = new StringCredentialsImpl(CredentialsScope.GLOBAL, "npm-token", "",
                Secret.fromString("s3cret-npm-token"));
        SystemCredentialsProvider.getInstance().getStore().addCredentials(Domain.global(), token);

        WorkflowRun build = run(j, lockfile(false), ", tokenCredentialsId: 'npm-token'", Result.SUCCESS);

        j.assertLogNotContains("s3cret-npm-token", build);
        Fingerprint fingerprint = CredentialsProvider.getFingerprintOf(token);
        assertThat(fingerprint).isNotNull();
        assertThat(fingerprint.getJobs()).contains(build.getParent().getFullName());
    }

    @Test
    void aCheckIsPublishedWithTheSameAnnotationsAsTheAction(JenkinsRule j) throws Exception {
        run(j, lockfile(true), ", failOn: 'invalid'", Result.FAILURE);

        List<ChecksDetails> published = CHECKS.getPublishedChecks();
        assertThat(published).singleElement().satisfies(details -> {
            assertThat(details.getName()).hasValue("npm provenance (web/package-lock.json)");
            assertThat(details.getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
            List<ChecksAnnotation> annotations = details.getOutput().orElseThrow().getChecksAnnotations();
            assertThat(annotations).singleElement().satisfies(a -> {
                assertThat(a.getPath()).contains("web/package-lock.json");
                assertThat(a.getTitle()).contains("nuxt@3.13.0");
            });
        });
    }

    @Test
    void theSnippetGeneratorsDefaultModeWritesNoModeParameter(JenkinsRule j) throws Exception {
        VerifyNpmProvenanceStep.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(
                VerifyNpmProvenanceStep.DescriptorImpl.class);
        VerifyNpmProvenanceStep step = new VerifyNpmProvenanceStep();
        step.setMode(descriptor.doFillModeItems().get(0).value);

        assertThat(Snippetizer.object2Groovy(step)).isEqualTo("verifyNpmProvenance()");

        step.setMode(descriptor.doFillModeItems().get(1).value);
        assertThat(Snippetizer.object2Groovy(step)).isEqualTo("verifyNpmProvenance mode: 'changed'");
    }

    @Test
    void theCredentialsDropDownOffersSecretTextForTheRegistryToThoseWhoMayConfigureTheJob(JenkinsRule j)
            throws Exception {
        Domain internal = new Domain("internal", "", List.of(new HostnameSpecification("npm.internal.example", "")));
        SystemCredentialsProvider.getInstance().getStore().addCredentials(Domain.global(), new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "npm-token", "the team's npm token", Secret.fromString("s3cret-npm-token")));
        SystemCredentialsProvider.getInstance().getStore().addDomain(internal, new StringCredentialsImpl(
                CredentialsScope.GLOBAL, "internal-token", "", Secret.fromString("s3cret-internal-token")));
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "p");
        VerifyNpmProvenanceStep.DescriptorImpl descriptor = j.jenkins.getDescriptorByType(
                VerifyNpmProvenanceStep.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(values(descriptor.doFillTokenCredentialsIdItems(job, "https://npm.example.com/", "")))
                    .containsExactly("", "npm-token");
            assertThat(values(descriptor.doFillTokenCredentialsIdItems(job, "https://npm.internal.example/", "")))
                    .containsExactlyInAnyOrder("", "npm-token", "internal-token");
        }
        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThat(values(descriptor.doFillTokenCredentialsIdItems(job, "https://npm.example.com/", "npm-token")))
                    .containsExactly("npm-token");
        }
    }

    private static List<String> values(ListBoxModel model) {
        return model.stream().map(option -> option.value).toList();
    }

    @Test
    void theControllersProxyIsUsedWithItsUserAndPasswordWhichTheLogNeverShows(JenkinsRule j) throws Exception {
        // the agent went through the controller's proxy without its user and password: HTTP 407 for every package
        String password = "pr0xy-s3cret";
        String credentials = Base64.getEncoder().encodeToString(("ci:" + password).getBytes(StandardCharsets.UTF_8));
        String hidden = "registry.behind-proxy.invalid";
        try (ForwardingProxy proxy = ForwardingProxy.start(Map.of(hidden, "127.0.0.1"), Optional.of(credentials))) {
            j.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), "ci", password));
            WorkflowJob job = j.createProject(WorkflowJob.class, "p");
            job.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  writeFile file: 'package-lock.json', text: '''" + lockfile(false) + "'''\n"
                    + "  verifyNpmProvenance(registry: 'http://" + hidden + ":" + registry.url().getPort() + "/')\n"
                    + "}", true));

            WorkflowRun build = j.assertBuildStatus(Result.SUCCESS, job.scheduleBuild2(0));

            assertThat(proxy.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.proxyAuthorization()).contains("Basic " + credentials));
            j.assertLogNotContains(password, build);
            j.assertLogNotContains(credentials, build);
            // the user and password are sent: a warning that they are not would send the user looking for a fault
            j.assertLogNotContains("does not send", build);
        }
    }
}
