package io.metaloop.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code metaloop bench …}: benchmarks that print figures comparable with the Python anchors. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks; each prints its figure as the last line.",
        subcommands = {BenchOverheadCommand.class, BenchSamplersCommand.class, BenchTrainerCommand.class,
                BenchStudyCommand.class})
final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing benchmark; see `metaloop bench --help`");
    }
}
