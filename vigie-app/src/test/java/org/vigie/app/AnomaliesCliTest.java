package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.TestCli.Run;
import org.vigie.core.anomaly.DistrictZones;
import org.vigie.core.anomaly.LocalHours;
import org.vigie.core.anomaly.Zone;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.EventReadResult;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

class AnomaliesCliTest {
    static final Instant READ_AT = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    static int poisson(double lambda, Random rnd) {
        double l = Math.exp(-lambda);
        int k = 0;
        double p = rnd.nextDouble();
        while (p > l) {
            k++;
            p *= rnd.nextDouble();
        }
        return k;
    }

    static double dayShape(int localHour) {
        return localHour < 7 ? 0.3 : localHour < 18 ? 1.0 : 1.6;
    }

    static String line(EventType type, SourceKind kind, double lat, double lon, Instant at) {
        Event e = Event.builder().type(type).source(kind, "export").occurredAt(at).receivedAt(READ_AT)
                .location(lat, lon, 20).build();
        return EventJson.write(e).toString();
    }

    /**
     * Four weeks of reports at {@code points} with a daily rhythm in local time {@code tz}, plus {@code burst} extra
     * graffiti reports at {@code burstPoint} in the hour starting {@code burstHour}; rows are shuffled, as exports are
     * not always in time order.
     */
    static List<String> reports(List<double[]> points, ZoneId tz, Instant from, double[] burstPoint, Instant burstHour,
                                int burst, long seed) {
        var rnd = new Random(seed);
        var hours = new LocalHours(tz);
        var lines = new ArrayList<String>();
        for (Instant h = from; h.isBefore(from.plus(Duration.ofDays(28))); h = hours.next(h)) {
            int localHour = h.atZone(tz).getHour();
            for (double[] p : points) {
                for (EventType t : List.of(EventType.GRAFFITI, EventType.NOISE)) {
                    int n = poisson(0.4 * dayShape(localHour), rnd);
                    for (int i = 0; i < n; i++) {
                        lines.add(line(t, SourceKind.CITIZEN, p[0], p[1], h.plusSeconds(rnd.nextInt(3600))));
                    }
                }
            }
            if (h.equals(burstHour)) {
                for (int i = 0; i < burst; i++) {
                    lines.add(line(EventType.GRAFFITI, SourceKind.CITIZEN, burstPoint[0], burstPoint[1],
                            h.plusSeconds(200L * i + 7)));
                }
            }
        }
        java.util.Collections.shuffle(lines, rnd);
        return lines;
    }

    @Test
    void findsABurstInMarseilleDistrictsAndExplainsIt() throws IOException {
        var districts = new DistrictZones(Marseille.approximateCity()).all();
        // A quarter of the districts keep the file small; 13202 is among them.
        var points = districts.stream().filter(z -> Integer.parseInt(z.id()) % 4 == 2)
                .map(z -> new double[] {z.lat(), z.lon()}).toList();
        Zone second = districts.stream().filter(z -> z.id().equals("13202")).findFirst().orElseThrow();
        Instant from = Instant.parse("2025-02-16T23:00:00Z"); // Monday 17 February, 00:00 in Paris
        Instant friday22 = Instant.parse("2025-03-14T21:00:00Z");
        var lines = reports(points, ZoneId.of("Europe/Paris"), from, new double[] {second.lat(), second.lon()}, friday22,
                12, 7);
        lines.add(3, "{\"type\": \"graffiti\", ");
        lines.add(10, "{\"type\": \"no_such_type\"}");
        lines.add(line(EventType.NOISE, SourceKind.CITIZEN, 48.8566, 2.3522, friday22)); // Paris, outside
        lines.add(line(EventType.ANOMALY, SourceKind.FUSION, second.lat(), second.lon(), friday22));
        Path file = Files.write(dir.resolve("marseille.jsonl"), lines);
        Path out = dir.resolve("anomalies.jsonl");

        Run r = CliTest.run("anomalies", "--input", file.toString(), "--top", "3", "--output", out.toString());

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).contains((lines.size() - 2) + " event(s) read, 2 record(s) rejected, 1 outside the "
                + "districts of Marseille, 1 derived");
        assertThat(r.out()).containsPattern("\\n  1\\. 1[2-9] reports of graffiti in Marseille 2e Arrondissement between "
                + "22:00 and 23:00 on Friday 14 March 2025, usually [0-9.]+ \\(p = [1-9]e-[0-9]+\\)\\n");
        assertThat(r.out()).contains("Europe/Paris", "tested after 14 day(s) of history");
        assertThat(r.err()).contains("bytes", "marseille.jsonl:4: malformed JSON", "marseille.jsonl:11: occurredAt: is required",
                "unknown event type 'no_such_type'");

        List<String> written = Files.readAllLines(out);
        assertThat(written).isNotEmpty();
        for (String w : written) {
            var read = EventJson.read(Json.MAPPER.readTree(w), READ_AT);
            assertThat(read).isInstanceOf(EventReadResult.Valid.class);
            assertThat(((EventReadResult.Valid) read).event().type()).isEqualTo(EventType.ANOMALY);
        }
        assertThat(written).anySatisfy(w -> assertThat(w).contains("\"zone\":\"13202\"", "\"hour_of_week\":118"));

        // The same file gives the same anomalies, with the same ids.
        Path again = dir.resolve("again.jsonl");
        assertThat(CliTest.run("anomalies", "--input", file.toString(), "--output", again.toString()).exit()).isEqualTo(2);
        assertThat(Files.readAllLines(again)).isEqualTo(written);
    }

    @Test
    void dataReadThroughAMappingUsesCellsAndItsOwnTimeZone() throws IOException {
        // Baltimore, in US Eastern time: its zones come from the data (H3 cells), not from Marseille's districts.
        var points = List.of(new double[] {39.2904, -76.6122}, new double[] {39.3100, -76.6400},
                new double[] {39.2700, -76.5800}, new double[] {39.3300, -76.6000});
        Instant from = Instant.parse("2025-05-19T04:00:00Z"); // Monday 19 May, 00:00 EDT
        Instant friday22 = Instant.parse("2025-06-14T02:00:00Z"); // Friday 13 June, 22:00 EDT
        Path file = Files.write(dir.resolve("baltimore.jsonl"),
                reports(points, ZoneId.of("America/New_York"), from, points.get(0), friday22, 14, 8));

        Run ny = CliTest.run("anomalies", "--input", file.toString(), "--mapping", "events", "--zone-id",
                "America/New_York", "--zone-resolution", "7", "--top", "1");
        assertThat(ny.exit()).as(ny.err()).isZero();
        assertThat(ny.out()).contains("0 outside the H3 cells at resolution 7", "America/New_York");
        assertThat(ny.out()).containsPattern("  1\\. 1[4-9] reports of graffiti in H3 cell 872aa[0-9a-f]{10} between "
                + "22:00 and 23:00 on Friday 13 June 2025, usually");

        // Without --zone-id the hours would be Paris hours: the same burst, but at 04:00 on Saturday.
        Run paris = CliTest.run("anomalies", "--input", file.toString(), "--mapping", "events", "--top", "1");
        assertThat(paris.exit()).isZero();
        assertThat(paris.out()).contains("between 04:00 and 05:00 on Saturday 14 June 2025");
    }

    @Test
    void readsTheRealBaltimoreExportThroughItsShippedMapping() {
        Path export = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/incidents/baltimore311/"
                + "311_sample_first200.csv");
        // No --zone-id: the hours of the week are Baltimore's, the zone its mapping reads CreatedDate in.
        Run r = CliTest.run("anomalies", "--input", export.toString(), "--mapping", "baltimore311");
        // Every row is an event or a rejection with its line; 200 requests spread over five years are no anomaly.
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).contains("162 event(s) read, 38 record(s) rejected", "(America/New_York)", "No anomaly.");
        assertThat(r.err()).contains("311_sample_first200.csv: line 2: Latitude/Longitude '39', '-77'",
                "is rejected by the type table");
    }

    @Test
    void unknownMappingsAndBadOptionsAreRefusedClearly() throws IOException {
        Path file = Files.writeString(dir.resolve("x.jsonl"), "");
        Run r = CliTest.run("anomalies", "--input", file.toString(), "--mapping", "no-such-mapping");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no-such-mapping", "this build knows [events, baltimore311");
        assertThat(CliTest.run("anomalies", "--input", file.toString(), "--zone-id", "Mars/Olympus").err())
                .contains("Mars/Olympus");
        assertThat(CliTest.run("anomalies", "--input", dir.resolve("missing.jsonl").toString()).err())
                .contains("no such file");
        Run empty = CliTest.run("anomalies", "--input", file.toString());
        assertThat(empty.exit()).isZero();
        assertThat(empty.out()).contains("No event to build baselines from.");
        Run help = CliTest.run("anomalies", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: vigie anomalies", "--mapping", "--zone-resolution", "--zone-id");
    }
}
