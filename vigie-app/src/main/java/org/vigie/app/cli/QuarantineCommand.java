package org.vigie.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.store.QuarantinedRecord;
import org.vigie.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "quarantine", mixinStandardHelpOptions = true, description = "Records that were refused, with the reason.",
        subcommands = QuarantineCommand.ListRecords.class)
public final class QuarantineCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List quarantined records, newest first, from the store of a configuration or a demo data dir.")
    static final class ListRecords implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where = new Where();

        static final class Where {
            @Option(names = "--config", paramLabel = "FILE", description = "Read the store named in this configuration.")
            Path config;

            @Option(names = "--data-dir", paramLabel = "DIR", description = "Read the embedded store in DIR (default: vigie-data).")
            Path dataDir;
        }

        @Option(names = "--limit", defaultValue = "20", description = "How many records (default: ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--raw", description = "Also print each raw record.")
        boolean raw;

        @Override
        public Integer call() {
            VigieConfig cfg = where.config != null ? ConfigLoader.load(where.config)
                    : VigieConfig.embedded(where.dataDir != null ? where.dataDir : Path.of("vigie-data"), 0);
            try (Store store = Store.open(cfg.store().toStoreConfig(1))) {
                long total = store.quarantine().count();
                List<QuarantinedRecord> records = store.quarantine().list(Math.max(1, Math.min(limit, 500)), 0);
                System.out.println(total + " quarantined record(s)" + (total > records.size() ? ", newest " + records.size() + ":" : ":"));
                for (QuarantinedRecord r : records) {
                    System.out.println(r.receivedAt() + "  " + r.channel() + "  " + r.id());
                    System.out.println("    " + r.reason());
                    if (raw) {
                        System.out.println("    " + r.raw());
                    }
                }
            }
            return 0;
        }
    }
}
