package io.github.npmprovenance.policy;

import io.github.npmprovenance.verify.Status;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Which statuses fail the run. Default: invalid, unsigned, error. */
public record FailOn(Set<Status> statuses) {
    public static final FailOn DEFAULT = new FailOn(EnumSet.of(Status.INVALID, Status.UNSIGNED, Status.ERROR));

    public FailOn {
        statuses = Set.copyOf(statuses);
    }

    /** Parses {@code invalid,unsigned,error}, or {@code none}; nothing at all is an error, never {@code none}. */
    public static FailOn parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("none")) {
            return new FailOn(Set.of());
        }
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (String part : trimmed.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equalsIgnoreCase("none")) {
                // "unknown status none (expected ..., or none)" would contradict itself
                throw new IllegalArgumentException("none stands alone: it cannot be combined with other statuses");
            }
            try {
                statuses.add(Status.parse(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown status \"" + part + "\" " + expected());
            }
        }
        if (statuses.isEmpty()) {
            // an empty value (e.g. an unset variable) is not "none": failing nothing must be asked for by name
            throw new IllegalArgumentException("no status given " + expected());
        }
        if (statuses.contains(Status.VERIFIED) || statuses.contains(Status.SIGNED)) {
            throw new IllegalArgumentException("verified and signed packages cannot fail the run");
        }
        return new FailOn(statuses);
    }

    private static String expected() {
        // verified and signed are statuses too, but never ones that fail
        return "(expected some of "
                + EnumSet.complementOf(EnumSet.of(Status.VERIFIED, Status.SIGNED)).stream().map(Status::lowerCase)
                        .collect(Collectors.joining(", "))
                + ", or none)";
    }

    public boolean fails(Status status) {
        return statuses.contains(status);
    }

    @Override
    public String toString() {
        return statuses.isEmpty() ? "none"
                : statuses.stream().sorted().map(Status::lowerCase).collect(Collectors.joining(","));
    }
}
