package org.vigie.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.accountability.AccountabilitySettings;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.CostModel;
import org.vigie.core.accountability.Decision;
import org.vigie.core.accountability.Equipment;
import org.vigie.core.accountability.EquipmentKind;
import org.vigie.core.accountability.Evaluation;
import org.vigie.core.accountability.EvidenceUse;
import org.vigie.core.accountability.SmallCounts;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.Correlator;
import org.vigie.core.geo.City;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentId;
import org.vigie.server.VigieServer;
import org.vigie.server.ingest.IngestService;
import org.vigie.server.live.LiveUpdates;
import org.vigie.store.Store;
import org.vigie.store.StoreConfig;

/**
 * No count below k ever leaves the public endpoints: random months of alerts (from none to thousands, most types
 * rare), served by the real HTTP server, and every whole number in the JSON and in every CSV scanned. Decimals
 * (rates, densities, euros) always carry a decimal point, so a whole number is a count or a population.
 */
class PublicCountsTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-15T12:00:00Z"), ZoneOffset.UTC);
    private static final YearMonth MONTH = YearMonth.of(2026, 11);
    private static final Pattern WHOLE = Pattern.compile("-?\\d+");
    private static final List<String> TABLES = List.of("quality", "shares", "dismissal_causes", "coverage", "costs", "evaluations");

    @TempDir
    static Path dataDir;
    static Store store;
    static Correlator correlator;
    static VigieServer server;
    static HttpClient client = HttpClient.newHttpClient();
    static String base;
    static volatile List<Alert> current = List.of();
    static final City CITY = Marseille.approximateCity();
    static List<Equipment> equipment;

    @BeforeAll
    static void start() {
        store = Store.open(StoreConfig.sqlite(dataDir.resolve("vigie.db")));
        // Evaluations with few and many examples, so the examples column is scanned too.
        store.evaluations().add(new Evaluation("audio.impulse", "1.0", "urbansound8k-fold3", Instant.parse("2026-11-02T00:00:00Z"),
                Map.of("gunshot", new Evaluation.Scores(0.9, 0.8, 0.85, 96), "explosion", new Evaluation.Scores(0.5, 0.25, 0.33, 3))));
        correlator = new Correlator(new CorrelationEngine(CorrelationRules.defaults()), id -> store.incidents().find(id), 100);
        correlator.start();
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var ingest = new IngestService(store, correlator, CLOCK, metrics);
        var random = new Random(7);
        equipment = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            var a = Marseille.ARRONDISSEMENTS.get(random.nextInt(random.nextBoolean() ? 3 : 16));
            equipment.add(new Equipment(i % 7 == 0 ? EquipmentKind.ACOUSTIC_SENSOR : EquipmentKind.CAMERA, "e" + i,
                    a.lat() + random.nextGaussian() * 0.002, a.lon() + random.nextGaussian() * 0.002));
        }
        var settings = new AccountabilitySettings(CostModel.defaults(), Map.of(), equipment, new SmallCounts(5));
        AlertSource source = new AlertSource() {
            @Override
            public List<Alert> alerts(Instant from, Instant to) {
                return current.stream().filter(a -> !a.openedAt().isBefore(from) && a.openedAt().isBefore(to)).toList();
            }

            @Override
            public int feedCount(Instant from, Instant to) {
                return 3;
            }
        };
        var accountability = new Accountability(source, store.evaluations(), CITY, settings, PARIS,
                EvidenceUse.listed(List.of()));
        server = new VigieServer(new VigieServer.Settings("127.0.0.1", 0), store, correlator, ingest, CITY, new LiveUpdates(),
                metrics, CLOCK, List.of(new TransparencyRoutes(accountability, CLOCK))).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        correlator.close();
        store.close();
    }

    /** A month of alerts: a random number, most of a few common types, a long tail of rare ones, some undecided. */
    static List<Alert> month(Random random) {
        int n = random.nextInt(5) == 0 ? random.nextInt(6) : random.nextInt(random.nextBoolean() ? 60 : 1_500);
        Instant start = MONTH.atDay(1).atStartOfDay(PARIS).toInstant();
        long seconds = MONTH.lengthOfMonth() * 86_400L;
        EventType[] types = EventType.values();
        String[] kinds = {"camera", "acoustic_sensor", "citizen", "fire_brigade", "police"};
        var out = new ArrayList<Alert>(n);
        for (int i = 0; i < n; i++) {
            EventType type = random.nextInt(4) > 0 ? types[random.nextInt(3)] : types[random.nextInt(types.length)];
            String kind = kinds[Math.min(kinds.length - 1, (int) Math.abs(random.nextGaussian() * 1.5))];
            String source = kind + "/s" + random.nextInt(20);
            Instant opened = start.plusSeconds((long) (random.nextDouble() * seconds));
            var a = Marseille.ARRONDISSEMENTS.get(random.nextInt(random.nextInt(3) == 0 ? 16 : 4));
            Decision d = switch (random.nextInt(4)) {
                case 0 -> null;
                case 1, 2 -> new Decision(true, opened.plusSeconds(300), "");
                default -> new Decision(false, opened.plusSeconds(300),
                        DismissalReason.values()[random.nextInt(DismissalReason.values().length)].reasonText("note"));
            };
            out.add(new Alert(IncidentId.parse(new UUID(random.nextLong(), i).toString()), type, null, opened,
                    a.lat() + random.nextGaussian() * 0.003, a.lon() + random.nextGaussian() * 0.003, Set.of(source),
                    Set.of(kind + "/" + type.jsonName()), d));
        }
        return out;
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static int scanJson(JsonNode n, String where) {
        int counts = 0;
        if (n.isIntegralNumber()) {
            assertThat(n.asLong()).as(where).isGreaterThanOrEqualTo(5);
            return 1;
        }
        for (var it = n.elements(); it.hasNext(); ) {
            counts += scanJson(it.next(), where);
        }
        for (var e : n.properties()) {
            counts += scanJson(e.getValue(), where + "." + e.getKey());
        }
        return counts;
    }

    private static int scanCsv(String csv, String where) {
        int counts = 0;
        for (String line : csv.split("\r\n")) {
            for (String field : line.split(",", -1)) {
                if (WHOLE.matcher(field).matches()) {
                    assertThat(Long.parseLong(field)).as(where + ": " + line).isGreaterThanOrEqualTo(5);
                    counts++;
                }
            }
        }
        return counts;
    }

    @Test
    void noCountBelowKLeavesThePublicEndpoints() throws Exception {
        var random = new Random(20261129);
        int shownCounts = 0;
        int masks = 0;
        for (int i = 0; i < 12; i++) {
            current = month(random);
            String json = get("/api/v1/transparency/figures?month=" + MONTH);
            shownCounts += scanJson(Json.MAPPER.readTree(json), "figures #" + i);
            masks += json.split("\"< 5\"", -1).length - 1;
            for (String table : TABLES) {
                String csv = get("/api/v1/transparency/" + table + ".csv?month=" + MONTH);
                scanCsv(csv, table + ".csv #" + i);
            }
        }
        scanJson(Json.MAPPER.readTree(get("/api/v1/transparency/districts.geojson")), "districts");
        // Not vacuous: large counts were published and small ones masked.
        assertThat(shownCounts).isGreaterThan(200);
        assertThat(masks).isGreaterThan(20);
    }

    @Test
    void aHundredRandomMonthsDirectly() {
        var random = new Random(42);
        var settings = new AccountabilitySettings(CostModel.defaults(), Map.of(), equipment, new SmallCounts(5));
        for (int i = 0; i < 100; i++) {
            List<Alert> alerts = month(random);
            AlertSource source = new AlertSource() {
                @Override
                public List<Alert> alerts(Instant from, Instant to) {
                    return alerts;
                }

                @Override
                public int feedCount(Instant from, Instant to) {
                    return 2;
                }
            };
            var routes = new TransparencyRoutes(new Accountability(source, null, CITY, settings, PARIS, EvidenceUse.none()), CLOCK);
            PublicFigures f = routes.publicFigures(MONTH);
            scanJson(f.json(), "month #" + i);
            for (PublicTable t : f.tables().values()) {
                scanCsv(t.csv(f.suppression().mask()), t.name() + " #" + i);
            }
        }
    }

    @Test
    void theRunningMonthIsNotPublished() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/transparency/figures?month=2026-12"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("only months that are over");
        assertThat(get("/transparency")).contains("chart.umd.min.js");
        assertThat(get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js")).isNotEmpty();
    }
}
