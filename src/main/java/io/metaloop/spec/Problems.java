package io.metaloop.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects problems from independent parts of a file so that one run reports all of them. A
 * part stops at its first problem, which keeps one mistake from causing a cascade of others.
 */
final class Problems {

    private final List<SpecProblem> found = new ArrayList<>();

    /** The part's result, or null when it reported problems (which are kept). */
    <T> T attempt(Supplier<T> part) {
        try {
            return part.get();
        } catch (SpecException e) {
            found.addAll(e.problems());
            return null;
        }
    }

    /** Runs a part that only checks. */
    void check(Runnable part) {
        attempt(() -> {
            part.run();
            return null;
        });
    }

    /** Whether nothing was found so far. */
    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws a {@link SpecException} with every problem found, if any. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new SpecException(sorted());
        }
    }

    /** Files in the order first met, each file's problems by line: the order a user fixes them in. */
    private List<SpecProblem> sorted() {
        List<String> sources = found.stream().map(SpecProblem::source).distinct().toList();
        List<SpecProblem> out = new ArrayList<>(found);
        out.sort(Comparator.comparingInt((SpecProblem p) -> sources.indexOf(p.source()))
                .thenComparingInt(SpecProblem::line));
        return out;
    }
}
