package io.github.npmprovenance.report;

import io.github.npmprovenance.policy.FailOn;
import io.github.npmprovenance.policy.PolicyRule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which packages deserve an annotation, and how loud: failing packages are failures; passing packages that could
 * not be fully verified or contradict the registry (ERROR, UNSIGNED or INVALID let through by fail-on) are warnings;
 * packages passed by an exception are notices. Each goes on the first line where the package is pinned; other places
 * are named in the message.
 */
public final class Annotations {
    private Annotations() {
    }

    /**
     * Most severe first, then in lockfile order. Title and message are made plain ({@link Escape#plain}), as on
     * stdout and in JUnit test names: GitHub's check runs and Jenkins' checks show them as text, where a
     * bidirectional override in a version or name would make one package read as another. The path stays as it
     * is: it names the file to annotate.
     */
    public static List<Annotation> of(Report report) {
        List<Annotation> annotations = new ArrayList<>();
        for (PackageReport p : report.packages()) {
            level(p).ifPresent(level -> annotations.add(new Annotation(p.locations().get(0).path(),
                    p.locations().get(0).line(), level, Escape.plain(p.id()), Escape.plain(message(p)))));
        }
        annotations.sort(Comparator.comparing(Annotation::level));
        return List.copyOf(annotations);
    }

    static Optional<Annotation.Level> level(PackageReport p) {
        if (!p.passed()) {
            return Optional.of(Annotation.Level.FAILURE);
        }
        if (p.policy().rule() == PolicyRule.ALLOW) {
            return Optional.of(Annotation.Level.NOTICE);
        }
        // every status that fails by default, INVALID included: a tampered entry that fail-on lets through is no
        // less worth marking than an unsigned one (Report#letThroughByFailOn, as the reports list them)
        if (FailOn.DEFAULT.fails(p.status())) {
            return Optional.of(Annotation.Level.WARNING);
        }
        return Optional.empty();
    }

    private static String message(PackageReport p) {
        String also = p.locations().size() > 1
                ? " (also pinned at line" + (p.locations().size() > 2 ? "s " : " ") + p.locations().stream().skip(1)
                        .map(l -> Integer.toString(l.line())).collect(Collectors.joining(", ")) + ")"
                : "";
        return p.status() + ": " + p.explanation() + also;
    }
}
