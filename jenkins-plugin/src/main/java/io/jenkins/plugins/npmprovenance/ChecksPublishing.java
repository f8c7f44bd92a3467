package io.jenkins.plugins.npmprovenance;

import hudson.model.Run;
import hudson.model.TaskListener;
import io.github.npmprovenance.report.Annotation;
import io.jenkins.plugins.checks.api.ChecksAnnotation;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.jenkins.plugins.npmprovenance.model.ChecksReport;
import java.util.List;

/**
 * Publishes the check through the checks API plugin (for example as a GitHub check on the pull request). Loaded
 * only when that optional plugin is installed, so no other class of this plugin refers to its types.
 */
final class ChecksPublishing {
    private ChecksPublishing() {
    }

    static void publish(Run<?, ?> run, TaskListener listener, ChecksReport report) {
        List<ChecksAnnotation> annotations = report.annotations().stream().map(ChecksPublishing::annotation).toList();
        ChecksDetails details = new ChecksDetails.ChecksDetailsBuilder()
                .withName(report.name())
                .withStatus(ChecksStatus.COMPLETED)
                .withConclusion(ChecksConclusion.valueOf(report.conclusion()))
                .withOutput(new ChecksOutput.ChecksOutputBuilder()
                        .withTitle(report.title())
                        .withSummary(report.summary())
                        .withAnnotations(annotations)
                        .build())
                .build();
        ChecksPublisherFactory.fromRun(run, listener).publish(details);
    }

    private static ChecksAnnotation annotation(Annotation annotation) {
        return new ChecksAnnotation.ChecksAnnotationBuilder()
                .withPath(annotation.path())
                .withStartLine(annotation.line())
                .withEndLine(annotation.line())
                .withAnnotationLevel(switch (annotation.level()) {
                    case FAILURE -> ChecksAnnotation.ChecksAnnotationLevel.FAILURE;
                    case WARNING -> ChecksAnnotation.ChecksAnnotationLevel.WARNING;
                    case NOTICE -> ChecksAnnotation.ChecksAnnotationLevel.NOTICE;
                })
                .withTitle(annotation.title())
                .withMessage(annotation.message())
                .build();
    }
}
