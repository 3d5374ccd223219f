package io.metaloop.spec;

import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** Writing test files and checking that a failure names the file, line, field and problem. */
final class SpecAssert {

    private SpecAssert() {
    }

    /** Writes {@code lines} to {@code dir/relative}, creating folders. */
    static Path write(Path dir, String relative, String... lines) {
        Path file = dir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Runs {@code code}, which must throw a SpecException, and returns it. */
    static SpecException fails(Executable code) {
        return assertThrows(SpecException.class, code);
    }

    /**
     * Asserts that {@code e} has a problem in {@code file} at {@code line} on field {@code path}
     * whose message contains {@code fragment}, and that the user sees it as one located line.
     */
    static SpecProblem assertProblem(SpecException e, Path file, int line, String path, String fragment) {
        for (SpecProblem p : e.problems()) {
            if (p.source().equals(file.toString()) && p.line() == line && p.path().equals(path)
                    && p.message().contains(fragment)) {
                String shown = file + (line > 0 ? ":" + line : "") + ": " + (path.isEmpty() ? "" : path + ": ");
                if (!e.getMessage().contains(shown + p.message())) {
                    fail("problem not shown as '" + shown + "…' in:\n" + e.getMessage());
                }
                return p;
            }
        }
        return fail("expected a problem at " + file + ":" + line + " " + path + " containing '" + fragment
                + "', got:\n" + e.getMessage());
    }
}
