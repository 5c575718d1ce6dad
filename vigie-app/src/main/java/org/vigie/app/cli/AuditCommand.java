package org.vigie.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.store.AuditAnchor;
import org.vigie.store.AuditCheck;
import org.vigie.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit log.",
        subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the audit log's hash chain from its first row, then compare its end with the marks of the",
                    "audit anchor (rows cut from the end). Exit code 0 when it holds; 1 and the first broken row",
                    "(edited, inserted or deleted; the missing rows when cut from the end) when it does not."})
    static final class Verify implements Callable<Integer> {
        @ArgGroup(exclusive = true)
        Where where = new Where();

        static final class Where {
            @Option(names = "--config", paramLabel = "FILE", description = "Check the store named in this configuration.")
            Path config;

            @Option(names = "--data-dir", paramLabel = "DIR", description = "Check the embedded store in DIR (default: vigie-data).")
            Path dataDir;
        }

        @Option(names = "--anchor", paramLabel = "FILE", description = {"Compare with this anchor file (e.g. a copy kept "
                + "elsewhere); default: the", "configured access.audit-anchor, or audit-anchor.log beside the database."})
        Path anchor;

        @Override
        public Integer call() {
            VigieConfig cfg = where.config != null ? ConfigLoader.load(where.config)
                    : VigieConfig.embedded(where.dataDir != null ? where.dataDir : Path.of("vigie-data"), 0);
            try (Store store = Store.open(cfg.store().toStoreConfig(1))) {
                var marks = new AuditAnchor(anchor != null ? anchor : cfg.auditAnchor());
                AuditCheck check = store.audit().verify(marks);
                if (check.intact()) {
                    System.out.println("audit log intact: " + check.checked() + " row(s) checked");
                    store.audit().head().ifPresent(h -> System.out.println("head: row " + h.seq() + " " + h.hash()
                            + " at " + h.at()));
                    System.out.println(marks.last().map(m -> "anchor " + marks.file() + ": last mark row " + m.seq()
                            + " at " + m.at() + ", matches the table")
                            .orElse("anchor " + marks.file() + ": no marks, so rows cut from the end cannot be seen"));
                    return 0;
                }
                System.out.println("audit log BROKEN at row " + check.brokenSeq().orElseThrow() + ": " + check.problem()
                        + " (" + (check.checked() - 1) + " row(s) before it hold)");
                return 1;
            }
        }
    }
}
