package io.jenkins.plugins.npmprovenance;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.ProxyConfiguration;
import hudson.console.ModelHyperlinkNote;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.github.npmprovenance.registry.ProxySettings;
import io.github.npmprovenance.report.Escape;
import io.github.npmprovenance.report.JsonReportWriter;
import io.github.npmprovenance.report.PackageReport;
import io.github.npmprovenance.report.Report;
import io.github.npmprovenance.report.TextReportWriter;
import io.jenkins.plugins.npmprovenance.model.AgentRequest;
import io.jenkins.plugins.npmprovenance.model.AgentResult;
import io.jenkins.plugins.npmprovenance.model.BuildVerdict;
import io.jenkins.plugins.npmprovenance.model.ChecksReport;
import io.jenkins.plugins.npmprovenance.model.StepParameters;
import io.jenkins.plugins.npmprovenance.model.StepResultMap;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** The step's work, off the CPS thread: resolve secrets and proxy on the controller, verify on the agent, report. */
final class VerifyNpmProvenanceExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    /**
     * Needed only by {@link #run()}, in the JVM that started the step: after a controller restart a synchronous
     * non-blocking step fails on resume and never runs again. Transient, so that the pipeline's program state (JBoss
     * Marshalling, whose older versions cannot read records back) never holds the record.
     */
    private final transient StepParameters parameters;

    VerifyNpmProvenanceExecution(StepContext context, StepParameters parameters) {
        super(context);
        this.parameters = parameters;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        Run<?, ?> run = context.get(Run.class);
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        EnvVars environment = context.get(EnvVars.class);
        PrintStream log = listener.getLogger();
        List<String> problems = parameters.problems();
        if (!problems.isEmpty()) {
            throw new AbortException("verifyNpmProvenance: " + String.join("; ", problems));
        }

        AgentRequest request = new AgentRequest(parameters, token(run), proxy());
        String baseRevision = environment.getOrDefault("CHANGE_TARGET", "").isEmpty() ? ""
                : "origin/" + environment.get("CHANGE_TARGET");
        AgentResult result = workspace.act(new VerificationCallable(request, baseRevision, environment, version()));
        Report verified = JsonReportWriter.read(result.reportJson().getBytes(StandardCharsets.UTF_8));
        Report report = verified.mapPaths(result::shown);
        java.io.ByteArrayOutputStream shownJson = new java.io.ByteArrayOutputStream();
        new JsonReportWriter().write(report, shownJson);

        NpmProvenanceAction action;
        synchronized (NpmProvenanceAction.class) {
            // parallel branches can verify their lockfiles at once: each report gets its own number
            action = NpmProvenanceAction.keep(run, shownJson.toString(StandardCharsets.UTF_8),
                    run.getActions(NpmProvenanceAction.class).size() + 1);
            run.addAction(action);
        }
        result.warnings().forEach(w -> log.println("npm provenance: warning: " + Escape.plain(w)));
        for (PackageReport failing : report.failing()) {
            log.println("npm provenance: " + failing.status() + " " + Escape.plain(failing.id()) + " ("
                    + Escape.plain(failing.locations().get(0).path()) + ":" + failing.locations().get(0).line()
                    + "): " + Escape.plain(failing.explanation()));
        }
        log.println("npm provenance: " + TextReportWriter.packages(report) + " checked in "
                + result.millis()
                + " ms; reports in " + String.join(", ", result.reportFiles().stream().map(Escape::plain).toList())
                + "; "
                + ModelHyperlinkNote.encodeTo("/" + run.getUrl() + action.getUrlName(), "full report"));
        if (Jenkins.get().getPlugin("checks-api") != null) {
            try {
                Report inRepository = verified.mapPaths(result::inRepository);
                ChecksPublishing.publish(run, listener,
                        ChecksReport.of(ChecksReport.nameFor(inRepository.lockfile()), inRepository));
            } catch (RuntimeException e) {
                // reporting is not the verdict: a publisher that fails (github-checks lets more than IOException
                // through) must not cost the build its result, which follows
                log.println("npm provenance: warning: cannot publish the check: " + Escape.plain(String.valueOf(e)));
            }
        }

        BuildVerdict verdict = BuildVerdict.of(report);
        if (verdict.result().equals(BuildVerdict.FAILURE)) {
            throw new AbortException(verdict.message());
        }
        if (verdict.result().equals(BuildVerdict.UNSTABLE)) {
            log.println(verdict.message());
            context.get(FlowNode.class).addOrReplaceAction(new WarningAction(Result.UNSTABLE)
                    .withMessage(verdict.message()));
            run.setResult(Result.UNSTABLE);
        }
        return StepResultMap.of(report, verdict);
    }

    private String token(Run<?, ?> run) throws AbortException {
        if (parameters.tokenCredentialsId().isEmpty()) {
            return null;
        }
        // the registry's URL as the domain requirement: with none, a credential whose domain restricts it to another
        // host would be found too, and sent to whatever registry the Jenkinsfile names
        StringCredentials credentials = CredentialsProvider.findCredentialById(parameters.tokenCredentialsId(),
                StringCredentials.class, run, URIRequirementBuilder.fromUri(parameters.registry()).build());
        if (credentials == null) {
            throw new AbortException("verifyNpmProvenance: no secret-text credential with id '"
                    + parameters.tokenCredentialsId() + "' is available to this build for " + parameters.registry());
        }
        // findCredentialById records the use only for a credential given as a build parameter ("TODO should this be
        // calling track?" there): without this the credential's usage page would not list the builds it went to
        CredentialsProvider.track(run, credentials);
        return credentials.getSecret().getPlainText();
    }

    /** The controller's proxy, with its user and password, as the agent should use it. */
    private static ProxySettings proxy() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null || proxy.name == null || proxy.name.isBlank()) {
            return null;
        }
        String noProxy = proxy.getNoProxyHost() == null ? "" : proxy.getNoProxyHost();
        Secret password = proxy.getSecretPassword();
        return new ProxySettings(proxy.name, proxy.port, Arrays.asList(noProxy.split("[\\s,|]+")))
                .withUser(proxy.getUserName(), password == null ? null : password.getPlainText()).from("the Jenkins proxy");
    }

    private static String version() {
        String version = VerifyNpmProvenanceExecution.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
