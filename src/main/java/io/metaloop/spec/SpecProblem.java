package io.metaloop.spec;

import java.util.Objects;

/**
 * One mistake in a study or search-space file, located so that a user can go straight to it:
 * {@code studies/x.yaml:4: sampler.type: unknown sampler 'nosuch'; expected one of random, grid, sobol}.
 *
 * @param source  the file as the user named it (or a label for text not read from a file)
 * @param line    the 1-based line, or 0 when the problem concerns the whole file
 * @param path    the field path, e.g. {@code params.lr.low}, or empty for the whole file
 * @param message what is wrong and what was expected
 */
public record SpecProblem(String source, int line, String path, String message) {

    public SpecProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        path = path == null ? "" : path;
    }

    /** The problem as one line, the form users see. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
        }
        b.append(": ");
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
