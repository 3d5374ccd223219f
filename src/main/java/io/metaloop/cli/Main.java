package io.metaloop.cli;

import io.metaloop.train.nn.Network;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

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
        slowKernelsWarning(args, Network::vectorKernels).ifPresent(System.err::println);
        System.exit(run(args));
    }

    /** The commands that may train a network (those the {@code metaloop} script starts with the Vector API). */
    static final Set<String> TRAINING_COMMANDS = Set.of("optimize", "train", "predict", "bench");

    /**
     * A warning for a training command started without the Vector API module (as by a bare
     * {@code java -jar}), where the trainer falls back to plain loops several times slower: a
     * study's results would silently be those of a slower machine.
     */
    static Optional<String> slowKernelsWarning(String[] args, BooleanSupplier vectorKernels) {
        // The kernels are looked up only for a training command: other commands never load them.
        if (args.length == 0 || !TRAINING_COMMANDS.contains(args[0]) || vectorKernels.getAsBoolean()) {
            return Optional.empty();
        }
        return Optional.of("metaloop: warning: the JVM was started without the Vector API, so networks train several "
                + "times slower (plain loops); run the metaloop script, or java --add-modules jdk.incubator.vector -jar …");
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
