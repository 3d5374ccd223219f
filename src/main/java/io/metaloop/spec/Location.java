package io.metaloop.spec;

/**
 * Where a YAML node sits: the file, the line a user would look at and the field path. For a
 * mapping value the line is that of its key, so that an error about a nested block points at
 * the key that opens it.
 *
 * @param source the file as the user named it
 * @param line   the 1-based line
 * @param path   the field path from the top of the file, e.g. {@code params.lr.low} or
 *               {@code directions[1]}; empty for the top-level mapping
 */
public record Location(String source, int line, String path) {

    /** The location of the value under {@code key} of the mapping here, whose key is on {@code keyLine}. */
    public Location child(String key, int keyLine) {
        return new Location(source, keyLine, path.isEmpty() ? key : path + "." + key);
    }

    /** The location of item {@code index} of the list here, which starts on {@code itemLine}. */
    public Location item(int index, int itemLine) {
        return new Location(source, itemLine, path + "[" + index + "]");
    }

    /** A problem at this location. */
    public SpecProblem problem(String message) {
        return new SpecProblem(source, line, path, message);
    }

    /** An exception reporting a problem at this location. */
    public SpecException error(String message) {
        return new SpecException(problem(message));
    }
}
