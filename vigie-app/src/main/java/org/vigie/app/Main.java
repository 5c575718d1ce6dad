package org.vigie.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.vigie.app.cli.AccessCommand;
import org.vigie.app.cli.AnomaliesCommand;
import org.vigie.app.cli.AuditCommand;
import org.vigie.app.cli.CamerasCommand;
import org.vigie.app.cli.AudioCommand;
import org.vigie.app.cli.BenchCommand;
import org.vigie.app.cli.ConfigCommand;
import org.vigie.app.cli.DemoCommand;
import org.vigie.app.cli.EvaluationsCommand;
import org.vigie.app.cli.FeedsCommand;
import org.vigie.app.cli.IngestCommand;
import org.vigie.app.cli.QuarantineCommand;
import org.vigie.app.cli.ReportCommand;
import org.vigie.app.cli.ServeCommand;
import org.vigie.app.cli.VideoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigie} command line. */
@Command(name = "vigie", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Vigie: incidents from a city's cameras, sensors and feeds, for its operations centre.",
        subcommands = {DemoCommand.class, ServeCommand.class, IngestCommand.class, FeedsCommand.class, QuarantineCommand.class,
                AnomaliesCommand.class, AuditCommand.class, AccessCommand.class, AudioCommand.class, VideoCommand.class,
                BenchCommand.class, ConfigCommand.class, ReportCommand.class, EvaluationsCommand.class, org.vigie.app.sim.SimCommand.class,
                CamerasCommand.class,
                Main.VersionCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // JavaCPP measures the process's physical memory (a read of /proc) on every native allocation, and the
        // camera pipeline makes several per analysed frame: about 4 % of a camera's CPU. Native memory stays bounded
        // by JavaCPP's own count of what it allocated (maxBytes, the heap's size by default). Set before any
        // JavaCPP class loads; a value given on the command line wins.
        if (System.getProperty(JAVACPP_PHYSICAL_LIMIT) == null) {
            System.setProperty(JAVACPP_PHYSICAL_LIMIT, "0");
        }
        System.exit(commandLine().execute(args));
    }

    static final String JAVACPP_PHYSICAL_LIMIT = "org.bytedeco.javacpp.maxPhysicalBytes";

    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static String version() {
        try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
            var p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development");
        } catch (IOException e) {
            return "development";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigie " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }

    @Command(name = "version", description = "Print the version of Vigie and of the Java runtime.")
    static final class VersionCommand implements Runnable {
        @Override
        public void run() {
            for (String line : new Version().getVersion()) {
                System.out.println(line);
            }
        }
    }
}
