package io.github.npmprovenance.action;

import io.github.npmprovenance.report.Annotation;
import io.github.npmprovenance.report.Escape;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Annotations as workflow commands ({@code ::error file=…,line=…,title=…::message}), for when no check run can be
 * made. GitHub shows at most 10 per level per step, so the most severe go first and the rest are counted.
 */
final class WorkflowCommands {
    static final int SHOWN_PER_LEVEL = 10;

    private WorkflowCommands() {
    }

    /**
     * @param warningsBefore the warnings the step wrote before these, which GitHub counts against the same limit
     * @return how many annotations GitHub would not have shown
     */
    static int annotate(List<Annotation> annotations, UnaryOperator<String> pathOf, PrintStream out,
            int warningsBefore) {
        Map<Annotation.Level, Integer> shown = new EnumMap<>(Annotation.Level.class);
        shown.put(Annotation.Level.WARNING, warningsBefore);
        int hidden = 0;
        for (Annotation annotation : annotations) {
            int count = shown.merge(annotation.level(), 1, Integer::sum);
            if (count > SHOWN_PER_LEVEL) {
                hidden++;
                continue;
            }
            out.println("::" + command(annotation.level()) + " file=" + property(pathOf.apply(annotation.path()))
                    + ",line=" + annotation.line() + ",title=" + property(annotation.title()) + "::"
                    + data(annotation.message()));
        }
        return hidden;
    }

    private static String command(Annotation.Level level) {
        return switch (level) {
            case FAILURE -> "error";
            case WARNING -> "warning";
            case NOTICE -> "notice";
        };
    }

    /**
     * Escapes a command's message, so hostile text cannot end the command or start another. Each of its lines is
     * first made plain as every other output line is ({@link Escape#plain}): the runner also acts on a
     * {@code ##[command]} anywhere in a line, and invisible characters could disguise one or the text around it.
     */
    static String data(String text) {
        String plain = Arrays.stream(text.split("\n", -1)).map(Escape::plain).collect(Collectors.joining("\n"));
        return plain.replace("%", "%25").replace("\n", "%0A");
    }

    /** Escapes a property value, which additionally cannot contain {@code :} or {@code ,}. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
