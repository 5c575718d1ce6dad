package org.vigie.app.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.concurrent.Callable;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.accountability.Evaluation;
import org.vigie.store.EvaluationRepository;
import org.vigie.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "evaluations", mixinStandardHelpOptions = true,
        description = "The registry of offline detector evaluations, shown beside live precision.",
        subcommands = {EvaluationsCommand.Add.class, EvaluationsCommand.ListAll.class})
public final class EvaluationsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** Which store: the one a configuration names, or an embedded data dir. */
    static final class Where {
        @Option(names = "--config", paramLabel = "FILE", description = "Use the store named in this configuration.")
        Path config;

        @Option(names = "--data-dir", paramLabel = "DIR", description = "Use the embedded store in DIR (default: vigie-data).")
        Path dataDir;

        static VigieConfig config(Where w) {
            return w != null && w.config != null ? ConfigLoader.load(w.config)
                    : VigieConfig.embedded(w != null && w.dataDir != null ? w.dataDir : Path.of("vigie-data"), 0);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Record the result of a vigie video eval or vigie audio eval run (a JSON file).")
    static final class Add implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where;

        @Parameters(paramLabel = "FILE.json", description = "{\"detector\", \"version\", \"dataset\", \"runAt\", \"classes\": "
                + "{\"gunshot\": {\"precision\", \"recall\", \"f1\", \"support\"}}}")
        Path file;

        @Option(names = "--detector", description = "The detector, e.g. audio.impulse (overrides the file).")
        String detector;

        @Option(names = "--detector-version", description = "The detector's version (overrides the file).")
        String version;

        @Option(names = "--dataset", description = "The labelled data set, e.g. urbansound8k-fold3 (overrides the file).")
        String dataset;

        @Override
        public Integer call() throws Exception {
            var overrides = new HashMap<String, String>();
            if (detector != null) {
                overrides.put("detector", detector);
            }
            if (version != null) {
                overrides.put("version", version);
            }
            if (dataset != null) {
                overrides.put("dataset", dataset);
            }
            Evaluation e;
            try {
                e = EvaluationFile.read(file, overrides);
            } catch (IllegalArgumentException ex) {
                System.err.println(ex.getMessage());
                return 2;
            }
            try (Store store = Store.open(Where.config(where).store().toStoreConfig(1))) {
                EvaluationRepository.Stored s = store.evaluations().add(e);
                System.out.println("recorded evaluation " + s.id() + ": " + e.detector() + " " + e.version() + " on "
                        + e.dataset() + ", " + e.classes().size() + " class(es)");
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded evaluations, newest run first.")
    static final class ListAll implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where;

        @Option(names = "--detector", description = "Only this detector.")
        String detector;

        @Option(names = "--limit", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            try (Store store = Store.open(Where.config(where).store().toStoreConfig(1))) {
                for (EvaluationRepository.Stored s : store.evaluations().list(detector, Math.max(1, Math.min(limit, 500)))) {
                    Evaluation e = s.evaluation();
                    System.out.println(e.runAt() + "  " + e.detector() + " " + e.version() + " on " + e.dataset());
                    e.classes().forEach((c, sc) -> System.out.printf(java.util.Locale.ROOT,
                            "    %-24s precision %.3f  recall %.3f  F1 %.3f  (%d examples)%n", c, sc.precision(),
                            sc.recall(), sc.f1(), sc.support()));
                }
            }
            return 0;
        }
    }
}
