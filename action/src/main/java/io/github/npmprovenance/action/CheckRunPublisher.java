package io.github.npmprovenance.action;

import io.github.npmprovenance.report.Annotation;
import io.github.npmprovenance.report.Plural;
import io.github.npmprovenance.report.TextLimit;
import java.io.IOException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHRepository;

/**
 * Publishes the result as a check run on a commit. The API takes at most 50 annotations per request: the check run
 * is created (in progress) with the first 50, each further 50 go in an update, up to {@link #MAX_ANNOTATIONS}, and
 * the last update completes it.
 */
final class CheckRunPublisher {
    static final int ANNOTATIONS_PER_REQUEST = 50;
    /**
     * The annotations a check run gets, most severe first, in 20 requests: at 50 a request, GitHub's secondary limit
     * of 80 content-creating requests a minute (500 an hour) stopped a run of thousands (every package of a large
     * lockfile while its registry was down) part way, leaving the check run in progress. The summary says how many
     * more there are; the job summary and the reports list them.
     */
    static final int MAX_ANNOTATIONS = 1_000;
    /** GitHub rejects an output summary or text longer than this many UTF-8 bytes. */
    static final int MAX_SUMMARY_BYTES = 65_535;
    /** GitHub's limit for an annotation title, in characters; titles are name@version, which can be longer. */
    static final int MAX_TITLE_CHARS = 255;
    /** GitHub's limit for an annotation message (64 KB). */
    static final int MAX_MESSAGE_BYTES = 65_535;
    static final String TRUNCATED = "\n\n… (truncated: see the job summary for the rest)";
    static final String INCOMPLETE = "**The report could not be published in full** on this check run: GitHub "
            + "refused part of it, so the check is concluded as failed. The job summary and the JSON and SARIF "
            + "reports have the whole report.\n\n";

    /** The check run exists, but GitHub refused part of the report; it was completed as failed if GitHub let it. */
    static final class IncompleteCheckRun extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean concluded;

        IncompleteCheckRun(String message, Throwable cause, boolean concluded) {
            super(message, cause);
            this.concluded = concluded;
        }

        /** Whether the check run was completed as failed; if not, it stays in progress. */
        boolean concluded() {
            return concluded;
        }
    }

    private final GHRepository repository;

    CheckRunPublisher(GHRepository repository) {
        this.repository = repository;
    }

    /**
     * @return the check run's id
     * @throws IncompleteCheckRun if the check run was created but not all of it could be added; it has then been
     *     completed as failed, if GitHub allowed that, so a required check does not hang
     * @throws IOException if the check run could not be created
     */
    long publish(String name, String headSha, GHCheckRun.Conclusion conclusion, String title, String summary,
            List<Annotation> annotations, UnaryOperator<String> pathOf) throws IOException {
        String note = leftOutNote(annotations);
        String text = TextLimit.markdownUtf8Bytes(note + summary, MAX_SUMMARY_BYTES, TRUNCATED);
        annotations = annotations.subList(0, Math.min(annotations.size(), MAX_ANNOTATIONS));
        int batches = Math.max(1, (annotations.size() + ANNOTATIONS_PER_REQUEST - 1) / ANNOTATIONS_PER_REQUEST);
        GHCheckRun run = repository.createCheckRun(name, headSha)
                .withStatus(GHCheckRun.Status.IN_PROGRESS)
                .add(output(title, text, batch(annotations, 0), pathOf))
                .create();
        try {
            for (int i = 1; i < batches; i++) {
                GHCheckRunBuilder update = repository.updateCheckRun(run.getId())
                        .add(output(title, text, batch(annotations, i), pathOf));
                if (i == batches - 1) {
                    update.withStatus(GHCheckRun.Status.COMPLETED).withConclusion(conclusion);
                }
                update.create();
            }
            if (batches == 1) {
                repository.updateCheckRun(run.getId()).withStatus(GHCheckRun.Status.COMPLETED)
                        .withConclusion(conclusion).create();
            }
        } catch (IOException | RuntimeException e) {
            boolean concluded = completeAsIncomplete(run.getId(), title, note + summary, e);
            throw new IncompleteCheckRun("check run " + run.getId() + " was created, but GitHub refused part of the "
                    + "report (" + e.getMessage() + "); " + (concluded ? "it was concluded as failed"
                            : "it could not be concluded either, and stays in progress"), e, concluded);
        }
        return run.getId();
    }

    /** What the check run says of the annotations it does not carry; empty when it carries them all. */
    static String leftOutNote(List<Annotation> annotations) {
        int leftOut = annotations.size() - MAX_ANNOTATIONS;
        return leftOut <= 0 ? "" : "**" + Plural.of(leftOut, "more package") + " " + Plural.is(leftOut)
                + " not annotated** on the check run, which "
                + "carries the first " + MAX_ANNOTATIONS + " annotations, most severe first (GitHub limits how many "
                + "requests may create content a minute). The job summary and the JSON and SARIF reports list them.\n\n";
    }

    private boolean completeAsIncomplete(long id, String title, String summary, Exception cause) {
        try {
            repository.updateCheckRun(id).withStatus(GHCheckRun.Status.COMPLETED)
                    .withConclusion(GHCheckRun.Conclusion.FAILURE)
                    .add(new GHCheckRunBuilder.Output(TextLimit.chars(title, MAX_TITLE_CHARS),
                            TextLimit.markdownUtf8Bytes(INCOMPLETE + summary, MAX_SUMMARY_BYTES, TRUNCATED)))
                    .create();
            return true;
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            return false;
        }
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
                    level(annotation.level()), TextLimit.utf8Bytes(annotation.message(), MAX_MESSAGE_BYTES, "…"))
                    .withTitle(TextLimit.chars(annotation.title(), MAX_TITLE_CHARS)));
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
