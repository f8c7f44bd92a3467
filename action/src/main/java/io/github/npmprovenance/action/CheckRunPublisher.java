package io.github.npmprovenance.action;

import io.github.npmprovenance.report.Annotation;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHRepository;

/**
 * Publishes the result as a check run on a commit. The API takes at most 50 annotations per request: the check run
 * is created (in progress) with the first 50, each further 50 go in an update, and the last update completes it.
 */
final class CheckRunPublisher {
    static final int ANNOTATIONS_PER_REQUEST = 50;
    /** GitHub rejects longer output texts. */
    static final int MAX_SUMMARY = 65_535;

    private final GHRepository repository;

    CheckRunPublisher(GHRepository repository) {
        this.repository = repository;
    }

    /** @return the check run's id */
    long publish(String name, String headSha, GHCheckRun.Conclusion conclusion, String title, String summary,
            List<Annotation> annotations, UnaryOperator<String> pathOf) throws IOException {
        String text = summary.length() > MAX_SUMMARY
                ? summary.substring(0, MAX_SUMMARY - 200) + "\n\n… (truncated: see the job summary for the rest)"
                : summary;
        int batches = Math.max(1, (annotations.size() + ANNOTATIONS_PER_REQUEST - 1) / ANNOTATIONS_PER_REQUEST);
        GHCheckRun run = repository.createCheckRun(name, headSha)
                .withStatus(GHCheckRun.Status.IN_PROGRESS)
                .add(output(title, text, batch(annotations, 0), pathOf))
                .create();
        for (int i = 1; i < batches; i++) {
            GHCheckRunBuilder update = repository.updateCheckRun(run.getId())
                    .add(output(title, text, batch(annotations, i), pathOf));
            if (i == batches - 1) {
                update.withStatus(GHCheckRun.Status.COMPLETED).withConclusion(conclusion);
            }
            update.create();
        }
        if (batches == 1) {
            repository.updateCheckRun(run.getId()).withStatus(GHCheckRun.Status.COMPLETED).withConclusion(conclusion)
                    .create();
        }
        return run.getId();
    }

    private static List<Annotation> batch(List<Annotation> annotations, int index) {
        int from = index * ANNOTATIONS_PER_REQUEST;
        return annotations.subList(Math.min(from, annotations.size()),
                Math.min(from + ANNOTATIONS_PER_REQUEST, annotations.size()));
    }

    private static GHCheckRunBuilder.Output output(String title, String summary, List<Annotation> batch,
            UnaryOperator<String> pathOf) {
        GHCheckRunBuilder.Output output = new GHCheckRunBuilder.Output(title, summary);
        for (Annotation annotation : batch) {
            output.add(new GHCheckRunBuilder.Annotation(pathOf.apply(annotation.path()), annotation.line(),
                    level(annotation.level()), annotation.message()).withTitle(annotation.title()));
        }
        return output;
    }

    private static GHCheckRun.AnnotationLevel level(Annotation.Level level) {
        return switch (level) {
            case FAILURE -> GHCheckRun.AnnotationLevel.FAILURE;
            case WARNING -> GHCheckRun.AnnotationLevel.WARNING;
            case NOTICE -> GHCheckRun.AnnotationLevel.NOTICE;
        };
    }
}
