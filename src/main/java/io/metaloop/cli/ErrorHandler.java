package io.metaloop.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Turns exceptions into what a user should see: a one-line message and exit code 1 for
 * problems they can fix (bad files, unknown studies, storage refusals), a usage hint and exit
 * code 2 for bad arguments, and the full stack trace only with {@code --verbose} or for bugs.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = parsed.matchedOption("--verbose") != null || isVerbose(parsed);
        if (isUserError(e)) {
            err.println("metaloop: " + e.getMessage());
        } else {
            err.println("metaloop: internal error: " + e);
            err.println("(this is a bug; please report it with the output of --verbose)");
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.matchedOption("--verbose") != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UncheckedIOException
                || e instanceof io.metaloop.storage.StorageException || e instanceof io.metaloop.spec.SpecException
                || e instanceof io.metaloop.train.data.DataException;
    }

    static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("metaloop: " + e.getMessage());
        err.println("see `" + cl.getCommandSpec().qualifiedName() + " --help`");
        err.flush();
        return 2;
    }
}
