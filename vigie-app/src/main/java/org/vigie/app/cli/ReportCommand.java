package org.vigie.app.cli;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigie.app.Platform;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.Bucket;
import org.vigie.core.accountability.Grouping;
import org.vigie.core.geo.City;
import org.vigie.server.transparency.Accountability;
import org.vigie.server.transparency.AccountabilityRoutes;
import org.vigie.server.transparency.AlertSource;
import org.vigie.server.transparency.Period;
import org.vigie.server.transparency.PublicFigures;
import org.vigie.store.Store;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Reports for publication.",
        subcommands = ReportCommand.Transparency.class)
public final class ReportCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "transparency", mixinStandardHelpOptions = true,
            description = "Measured precision, dismissal causes, evaluations, coverage equity and costs of a period, "
                    + "small counts suppressed, as one HTML or PDF file with its charts.")
    static final class Transparency implements Callable<Integer> {
        /** Reading, two quality passes, costs and coverage, four charts, writing. */
        static final int STEPS = 9;

        @ArgGroup(exclusive = true)
        EvaluationsCommand.Where where;

        @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day (2026-11-01) or an instant.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day, included, or an instant.")
        String to;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.html or FILE.pdf")
        Path out;

        @Override
        public Integer call() throws Exception {
            String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (!name.endsWith(".pdf") && !name.endsWith(".html") && !name.endsWith(".htm")) {
                System.err.println("--out must end in .html or .pdf, got " + out);
                return 2;
            }
            VigieConfig config = EvaluationsCommand.Where.config(where);
            ZoneId zone = config.city().timeZone();
            Period period;
            try {
                period = new Period(Period.bound(from, zone, false), Period.bound(to, zone, true));
            } catch (IllegalArgumentException e) {
                System.err.println("--from/--to: " + e.getMessage());
                return 2;
            }
            City city = Platform.loadCity(config.city());
            try (Store store = Store.open(config.store().toStoreConfig(1));
                 var progress = new ProgressBar(System.err, "steps", STEPS)) {
                var accountability = new Accountability(AlertSource.of(store), store.evaluations(), city,
                        config.accountability(), zone, store.accountability().evidenceUse());
                write(accountability, period, out, "Vigie transparency report, " + from + " to " + to, () -> progress.step(1));
            }
            System.out.println("wrote " + out);
            return 0;
        }
    }

    /** The report of a period, from any source of alerts; {@code step} is called {@value Transparency#STEPS} times. */
    static void write(Accountability accountability, Period period, Path out, String title, Runnable step) throws java.io.IOException {
        List<Alert> alerts = accountability.source().alerts(period.from(), period.to());
        step.run();
        var byType = accountability.quality(period, alerts, Grouping.TYPE, Bucket.WEEK);
        step.run();
        var bySource = accountability.quality(period, alerts, Grouping.SOURCE, Bucket.WEEK);
        step.run();
        var figures = new Accountability.Figures(period, alerts, byType, accountability.costs(period, alerts),
                accountability.coverage(alerts));
        step.run();
        var publicFigures = new PublicFigures(accountability.settings().suppression(), figures, bySource,
                accountability.latestEvaluations(AccountabilityRoutes.MAX_EVALUATIONS));
        var report = new TransparencyReport(publicFigures, accountability.city(), title, step);
        report.write(out);
        step.run();
    }

}
