package io.metaloop.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A study or search-space file is missing, malformed or invalid. The message is meant for the
 * user as it is — one located line per problem — so the CLI prints it without a stack trace
 * (none is recorded).
 */
public final class SpecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<SpecProblem> problems;

    /** An exception reporting the given problems, at least one. */
    public SpecException(List<SpecProblem> problems) {
        super(format(problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    /** An exception reporting one problem. */
    public SpecException(SpecProblem problem) {
        this(List.of(problem));
    }

    /** The problems, in the order they were found. */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String format(List<SpecProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        return problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n"));
    }
}
