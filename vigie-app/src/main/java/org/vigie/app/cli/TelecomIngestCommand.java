package org.vigie.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.feeds.telecom.PresenceCsv;
import org.vigie.feeds.telecom.PresenceDeparture;
import org.vigie.feeds.telecom.PresenceDetector;
import org.vigie.feeds.telecom.PresenceSettings;
import org.vigie.feeds.telecom.PresenceZones;
import org.vigie.feeds.telecom.TelecomFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "telecom", mixinStandardHelpOptions = true,
        description = {"Find unusual crowd presence in an operator's presence aggregates (CSV: zone, slot start,",
                "device count; see PresenceCsv for the accepted columns). Counts under k are suppressed as they",
                "are read. The file is read here, expected presence per zone and hour of the week is learnt from",
                "it, and only the crowd_presence events are sent to POST /api/v1/events. Exit 0 when every row",
                "was read, 2 when some were rejected, 1 when the file could not be read or the events not sent."})
final class TelecomIngestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.csv")
    Path file;

    @Mixin
    EventUpload.Options upload;

    @Option(names = "--min-devices", defaultValue = "5", paramLabel = "K",
            description = "k: counts under it are suppressed on input (default: ${DEFAULT-VALUE}).")
    int minDevices;

    @Option(names = "--false-alarms-per-day", defaultValue = "1.0", paramLabel = "F",
            description = "Bound on false departures a day over all zones (default: ${DEFAULT-VALUE}).")
    double falseAlarmsPerDay;

    @Option(names = "--min-history", defaultValue = "P14D", paramLabel = "DURATION",
            description = "A zone is tested once it has this much history, ISO 8601 (default: ${DEFAULT-VALUE}).")
    Duration minHistory;

    @Option(names = "--rows", defaultValue = "20000", description = "Rows read at a time (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--show", defaultValue = "10", description = "How many rejections and departures to print (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such file");
            return 1;
        }
        if (rows < 1) {
            System.err.println("--rows must be at least 1");
            return 1;
        }
        TelecomFormat format;
        try {
            var defaults = PresenceSettings.defaults();
            var settings = defaults.withMinDevices(minDevices).withBaseline(defaults.baseline()
                    .withFalseAlarmsPerDay(falseAlarmsPerDay).withMinHistory(minHistory));
            var zones = new PresenceZones(new DistrictZones(Marseille.approximateCity()));
            format = new TelecomFormat(new PresenceCsv(zones, minDevices, settings.timeZone(), Duration.ofHours(1)),
                    new PresenceDetector(settings));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        String sourceId = upload.sourceOr(file);
        long total = SocialIngestCommand.countLines(file) - 1;
        long read = 0;
        long kept = 0;
        long suppressed = 0;
        var rejected = new ArrayList<String>();
        var departures = new ArrayList<PresenceDeparture>();
        try (var progress = new ProgressBar(System.err, "rows", total);
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                System.err.println(file + ": empty file");
                return 1;
            }
            int line = 1;
            var chunk = new StringBuilder();
            boolean more = true;
            while (more) {
                chunk.setLength(0);
                chunk.append(header).append('\n');
                int n = 0;
                String l;
                while (n < rows && (l = in.readLine()) != null) {
                    chunk.append(l).append('\n');
                    n++;
                }
                more = n == rows;
                PresenceCsv.Reading r = format.read(chunk.toString().getBytes(StandardCharsets.UTF_8), line - 1);
                r.rejected().forEach(x -> rejected.add(file + ":" + x.ref().replace("line ", "") + ": " + x.reason()));
                if (r.rows() == 0 && !r.rejected().isEmpty()) {
                    break; // the header itself is wrong: every chunk would say so again
                }
                departures.addAll(format.feed(r));
                read += r.rows();
                kept += r.counts().size();
                suppressed += r.suppressed();
                line += n;
                progress.step(n);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            System.err.println(file + ": not UTF-8 text");
            return 1;
        }
        rejected.stream().limit(Math.max(0, show)).forEach(System.err::println);
        if (rejected.size() > show) {
            System.err.println("… and " + (rejected.size() - show) + " more rejected row(s)");
        }
        System.out.printf("%s: %d rows read, %d counts kept, %d suppressed (under k = %d), %d rejected%n", file, read,
                kept, suppressed, minDevices, rejected.size());
        PresenceDetector.Stats stats = format.stats();
        System.out.printf("%d zones, %d zone-hours tested, %d departures found%n", stats.zones(), stats.tests(),
                departures.size());
        departures.stream().limit(Math.max(0, show)).forEach(d -> System.out.println("  " + d.explanation()));
        if (!upload.dryRun) {
            var events = new ArrayList<Event>();
            Instant now = Instant.now();
            departures.forEach(d -> events.add(d.toEvent(TelecomFormat.NAME, sourceId, now)));
            EventUpload.Answer a = EventUpload.send(upload.server, events);
            if (a.refused() != null) {
                System.err.println(a.refused());
                return 1;
            }
            System.out.printf("%d crowd_presence events sent: %d accepted, %d already present, %d rejected%n",
                    events.size(), a.accepted(), a.duplicates(), a.rejected());
        }
        return rejected.isEmpty() ? 0 : 2;
    }
}
