package org.vigie.app.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vigie.app.Platform;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.anomaly.Anomaly;
import org.vigie.core.anomaly.AnomalyDetector;
import org.vigie.core.anomaly.AnomalySettings;
import org.vigie.core.anomaly.CellZones;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.anomaly.LocalHours;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.anomaly.ZoneScheme;
import org.vigie.core.config.ConfigException;
import org.vigie.core.json.EventJson;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigie anomalies}: runs anomaly baselines over an export, offline, and prints the strongest anomalies with
 * their explanations. The file is read once into hourly counts per zone and type (so its rows need not be in time
 * order and a large export stays small in memory), then fed hour by hour to the same detector the live platform
 * runs.
 */
@Command(name = "anomalies", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find hours in which a zone saw far more events of one type than its weekly baseline allows,",
                "in an export read offline, and print the strongest with a sentence of explanation.",
                "Zones are the city's districts for Vigie events, H3 cells for data read with --mapping (their",
                "city is not ours). Exit 0, or 2 when some records could not be read (they are listed), 1 on an error."})
public final class AnomaliesCommand implements Callable<Integer> {
    private static final int MAX_LISTED_REJECTS = 10;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The export to read.")
    Path input;

    @Option(names = "--mapping", paramLabel = "NAME",
            description = "How to read FILE (${COMPLETION-CANDIDATES}); without it, Vigie events in JSON Lines.",
            completionCandidates = Mappings.class)
    String mapping;

    @Option(names = "--top", defaultValue = "20", paramLabel = "N", description = "Anomalies to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--zones", paramLabel = "districts|cells",
            description = "Zones of the baselines; default: cells with --mapping, else the configuration's (districts).")
    String zones;

    @Option(names = "--zone-resolution", paramLabel = "0..9",
            description = "H3 resolution of cell zones (implies --zones cells); default: the configuration's (7, about 5 km²).")
    Integer zoneResolution;

    @Option(names = "--zone-id", paramLabel = "TIME-ZONE",
            description = "Time zone of the hours of the week, e.g. America/New_York; default: the mapping's (its "
                    + "occurred-at zone), else the configured city's (Europe/Paris).")
    String zoneId;

    @Option(names = "--config", paramLabel = "FILE", description = "A Vigie configuration: city, time zone and anomalies settings.")
    Path config;

    @Option(names = "--weeks", paramLabel = "W", description = "Trailing weeks of a baseline (default: the configuration's, 8).")
    Integer weeks;

    @Option(names = "--min-history", paramLabel = "DAYS", description = "Days of history before any alarm (default: 14).")
    Integer minHistoryDays;

    @Option(names = "--false-alarms-per-day", paramLabel = "F", description = "Bound on expected false alarms a day (default: 1).")
    Double falseAlarmsPerDay;

    @Option(names = "--min-count", paramLabel = "K", description = "Fewest events in an hour that can be an anomaly (default: 3).")
    Integer minCount;

    @Option(names = "--output", paramLabel = "FILE.jsonl",
            description = "Also write every anomaly as a Vigie event (JSON Lines), for 'vigie ingest events'.")
    Path output;

    static final class Mappings extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Mappings() {
            super(EventFiles.mappings());
        }
    }

    @Override
    public Integer call() throws IOException {
        Setup setup;
        try {
            setup = setup();
        } catch (ConfigException e) {
            e.problems().forEach(System.err::println);
            return 1;
        } catch (IllegalArgumentException | DateTimeException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        if (!Files.isRegularFile(input)) {
            System.err.println("no such file: " + input);
            return 1;
        }
        var counts = new HourlyCounts(setup.detector().hours(), setup.detector().zones());
        var rejects = new ArrayList<String>();
        long[] rejected = {0};
        try (var progress = new ProgressBar(System.err, "bytes", Files.size(input));
             Stream<Event> events = setup.reader().read(input, new EventFiles.ReadReport() {
                 @Override
                 public void rejected(String where, String reason) {
                     if (rejected[0]++ < MAX_LISTED_REJECTS) {
                         rejects.add(where + ": " + reason);
                     }
                 }

                 @Override
                 public void bytesRead(long bytes) {
                     progress.step(bytes);
                 }
             })) {
            events.forEach(counts::add);
        }
        List<Anomaly> found = counts.replay(setup.detector());
        print(setup, counts, found, rejected[0]);
        rejects.forEach(System.err::println);
        if (rejected[0] > rejects.size()) {
            System.err.println("… and " + (rejected[0] - rejects.size()) + " more record(s) that could not be read");
        }
        if (output != null) {
            write(found, output);
        }
        return rejected[0] == 0 ? 0 : 2;
    }

    record Setup(EventFiles.Reader reader, AnomalyDetector detector, String cityName) {
    }

    private Setup setup() {
        VigieConfig cfg = config == null ? VigieConfig.embedded(Path.of("vigie-data"), 0) : ConfigLoader.load(config);
        if (top < 1) {
            throw new IllegalArgumentException("--top must be at least 1, got " + top);
        }
        EventFiles.Reader reader = EventFiles.readerFor(mapping);
        VigieConfig.AnomalyZones kind = cfg.anomalies().zones();
        if (zones != null) {
            kind = switch (zones) {
                case "districts" -> VigieConfig.AnomalyZones.DISTRICTS;
                case "cells" -> VigieConfig.AnomalyZones.CELLS;
                default -> throw new IllegalArgumentException("--zones must be districts or cells, got '" + zones + "'");
            };
        } else if (mapping != null || zoneResolution != null) {
            // Data read through a mapping comes from its own city, whose districts Vigie does not know.
            kind = VigieConfig.AnomalyZones.CELLS;
        }
        int resolution = zoneResolution != null ? zoneResolution : cfg.anomalies().zoneResolution();
        ZoneScheme scheme = kind == VigieConfig.AnomalyZones.CELLS ? new CellZones(resolution)
                : new DistrictZones(Platform.loadCity(cfg.city()));
        // An export's hours of the week are those of its own city, which its mapping names.
        ZoneId tz = zoneId != null ? ZoneId.of(zoneId)
                : EventFiles.timeZoneOf(mapping).orElse(cfg.city().timeZone());
        AnomalySettings s = cfg.anomalies().settings();
        if (weeks != null) {
            s = s.withWeeks(weeks);
        }
        if (minHistoryDays != null) {
            s = s.withMinHistory(Duration.ofDays(minHistoryDays));
        }
        if (falseAlarmsPerDay != null) {
            s = s.withFalseAlarmsPerDay(falseAlarmsPerDay);
        }
        if (minCount != null) {
            s = s.withMinCount(minCount);
        }
        return new Setup(reader, new AnomalyDetector(s, scheme, new LocalHours(tz)), cfg.city().name());
    }

    /** Events per local hour, zone and type; what the detector needs, in any order the file comes in. */
    static final class HourlyCounts {
        private final LocalHours hours;
        private final ZoneScheme scheme;
        private final TreeMap<Instant, Map<Long, int[]>> byHour = new TreeMap<>();
        private final Map<String, Integer> zoneIndex = new HashMap<>();
        private final List<Zone> zones = new ArrayList<>();
        private final EventType[] types = EventType.values();
        long events;
        long outside;
        long derived;

        HourlyCounts(LocalHours hours, ZoneScheme scheme) {
            this.hours = hours;
            this.scheme = scheme;
        }

        void add(Event e) {
            events++;
            if (AnomalyDetector.isDerived(e)) {
                derived++;
                return;
            }
            var zone = scheme.zoneOf(e.location().lat(), e.location().lon());
            if (zone.isEmpty()) {
                outside++;
                return;
            }
            int z = zoneIndex.computeIfAbsent(zone.get().id(), id -> {
                zones.add(zone.get());
                return zones.size() - 1;
            });
            long key = ((long) z << 8) | e.type().ordinal();
            byHour.computeIfAbsent(hours.start(e.occurredAt()), h -> new HashMap<>())
                    .computeIfAbsent(key, k -> new int[1])[0]++;
        }

        Instant first() {
            return byHour.isEmpty() ? null : byHour.firstKey();
        }

        Instant last() {
            return byHour.isEmpty() ? null : byHour.lastKey();
        }

        /** Feeds the hours in order and closes the last one. */
        List<Anomaly> replay(AnomalyDetector detector) {
            var found = new ArrayList<Anomaly>();
            for (var hour : byHour.entrySet()) {
                found.addAll(detector.advanceTo(hour.getKey()));
                hour.getValue().forEach((key, n) -> detector.observe(zones.get((int) (key >>> 8)),
                        types[(int) (key & 0xFF)], hour.getKey(), n[0]));
            }
            if (!byHour.isEmpty()) {
                found.addAll(detector.advanceTo(hours.next(byHour.lastKey())));
            }
            return found;
        }
    }

    private void print(Setup setup, HourlyCounts counts, List<Anomaly> found, long rejected) {
        AnomalyDetector d = setup.detector();
        AnomalySettings s = d.settings();
        ZoneId tz = d.hours().zone();
        String zoneText = d.zones() instanceof DistrictZones ? "districts of " + setup.cityName()
                : "H3 cells at resolution " + ((CellZones) d.zones()).resolution();
        System.out.printf(Locale.ROOT, "%s: %d event(s) read, %d record(s) rejected, %d outside the %s, %d derived "
                + "(anomalies, fused) left out%n", input.getFileName(), counts.events, rejected, counts.outside, zoneText,
                counts.derived);
        if (counts.first() == null) {
            System.out.println("No event to build baselines from.");
            return;
        }
        var stats = d.stats();
        double days = stats.hoursTested() / 24.0;
        System.out.printf(Locale.ROOT, "Hours %s to %s (%s): %d closed, %d tested after %d day(s) of history; "
                        + "%d zone × type series.%n", LOCAL.format(counts.first().atZone(tz)),
                LOCAL.format(d.hours().next(counts.last()).atZone(tz)), tz, stats.hoursClosed(), stats.hoursTested(),
                s.minHistory().toDays(), stats.series());
        System.out.printf(Locale.ROOT, "Baselines over %d week(s); at most %s false alarm(s) a day expected "
                        + "(%.0f over the %.1f day(s) tested), at least %d events in an hour.%n", s.weeks(),
                Anomaly.formatRate(s.falseAlarmsPerDay()), s.falseAlarmsPerDay() * days, days, s.minCount());
        if (found.isEmpty()) {
            System.out.println("No anomaly.");
            return;
        }
        List<Anomaly> strongest = found.stream().sorted(Anomaly.STRONGEST_FIRST).limit(top).toList();
        System.out.println(found.size() + " anomal" + (found.size() == 1 ? "y" : "ies")
                + (strongest.size() < found.size() ? "; the " + strongest.size() + " strongest:" : ":"));
        int i = 0;
        for (Anomaly a : strongest) {
            System.out.printf(Locale.ROOT, "%3d. %s%n", ++i, a.explanation());
        }
    }

    private static void write(List<Anomaly> found, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Anomaly a : found) {
                // Received when its hour ended: the file is the same on every run.
                w.write(EventJson.write(a.toEvent(a.hourEnd())).toString());
                w.newLine();
            }
        }
        System.out.println("wrote " + found.size() + " anomaly event(s) to " + file);
    }
}
