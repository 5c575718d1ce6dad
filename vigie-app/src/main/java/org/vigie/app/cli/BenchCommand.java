package org.vigie.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigie bench}: measurements as ratios against a baseline taken in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Performance measurements, each against a baseline in the same run.",
        subcommands = {AudioBench.class, VideoBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
