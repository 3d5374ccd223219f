package io.metaloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code metaloop} command. Subcommands parse their arguments and delegate; errors a user
 * can fix are printed as one short line (with the stack trace only under {@code --verbose}).
 */
@Command(name = "metaloop", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Hyperparameter and architecture search with an Optuna-compatible study store.",
        subcommands = {OptimizeCommand.class, StudiesCommand.class, TrialsCommand.class, BestCommand.class,
                ExportCommand.class, DeleteStudyCommand.class, TrainCommand.class, PredictCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command; see `metaloop --help`");
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(ErrorHandler::usageError);
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The version printed by {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"metaloop " + (v == null ? "dev" : v)};
        }
    }
}
