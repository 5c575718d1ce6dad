package org.vigie.app.sim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigie sim}: simulated cities, to load a deployment and measure it. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulated cities: load a deployment of Vigie and measure what it makes of the load.",
        subcommands = {SimCityCommand.class})
public final class SimCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
