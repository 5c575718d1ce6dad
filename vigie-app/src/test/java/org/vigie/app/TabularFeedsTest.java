package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.ConfigLoader;
import org.vigie.app.config.VigieConfig;
import org.vigie.app.feeds.FeedRegistry;
import org.vigie.core.config.ConfigException;
import org.vigie.core.geo.Marseille;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.tabular.TabularFormat;

/** Tabular mappings in the configuration, in the registry of formats, and through {@code vigie ingest tabular}. */
class TabularFeedsTest {
    static final Path BALTIMORE = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data")
            .resolve("incidents/baltimore311/311_sample_first200.csv");

    @TempDir
    Path dir;

    private Path resource(String name) throws Exception {
        try (InputStream in = TabularFormat.class.getResourceAsStream("mappings/" + name)) {
            return Files.write(dir.resolve(name), in.readAllBytes());
        }
    }

    private Path fireCsv() throws Exception {
        // The fire brigade's example export, with rows the server rejects (a door opening, a short row).
        return Files.writeString(dir.resolve("interventions.csv"), """
                id_intervention,maj,date_alerte,motif,categorie,niveau,latitude,longitude,commune,centre_secours,engins_engages,demandeur_nom,demandeur_tel
                MP-1,2026-11-28 14:40:00,2026-11-28 14:32:10,Feu de poubelle,Incendie,1,43.3027,5.3806,Marseille,Saint-Charles,1,"Dupont, Marie",0600000000
                MP-2,2026-11-28 15:01:00,2026-11-28 14:55:00,Secours à personne,SAP,2,43.2951,5.3739,Marseille,Plombières,2,,

                MP-3,2026-11-28 15:45:00,2026-11-28 15:41:00,Ouverture de porte,Divers,1,43.2840,5.3712,Marseille,Endoume,1,,
                MP-4,2026-11-28 16:10:00,2026-11-28 16:00:00,Feu de véhicule,"Incendie
                véhicule",2,43.2967,5.3610,Marseille,Saint-Charles,2,,
                MP-5,2026-11-28 16:40:00,2026-11-28 16:35:00,Explosion,Divers,4,43.2951,5.3739
                """);
    }

    @Test
    void configuredMappingsAreCheckedAtLoadAndRegisteredBesideTheShippedOnes() throws Exception {
        Path police = resource("fr-police-l93.yaml");
        VigieConfig cfg = ConfigLoader.parse("vigie.yaml", "feeds:\n  mappings:\n    lyon-police: fr-police-l93.yaml\n", dir);
        assertThat(cfg.feeds().mappings()).containsEntry("lyon-police", police);
        var names = FeedRegistry.formats(cfg, Marseille.approximateCity()).stream().map(FeedFormat::name).toList();
        assertThat(names).contains("tabular.baltimore311", "tabular.fr-police-l93", "tabular.fire-interventions",
                "tabular.hospital-ed-load", "tabular.lyon-police").doesNotHaveDuplicates();

        Files.writeString(dir.resolve("broken.yaml"), "format: {kind: csv}\nsource: nobody\n");
        assertThatThrownBy(() -> ConfigLoader.parse("vigie.yaml", """
                feeds:
                  mappings:
                    Bad Name: fr-police-l93.yaml
                    gone: missing.yaml
                    broken: broken.yaml
                  polling: 5m
                """, dir)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                "vigie.yaml:3: feeds.mappings.Bad Name: a mapping name must match [a-z0-9][a-z0-9_-]{0,63} (it becomes the format tabular.Bad Name)",
                "vigie.yaml:4: feeds.mappings.gone: no such file: " + dir.resolve("missing.yaml"),
                dir.resolve("broken.yaml") + ":2: source: expected one of [camera, acoustic_sensor, fire_brigade, police, hospital, "
                        + "transit, citizen, telecom, social, cap_feed], got 'nobody'",
                "vigie.yaml:6: feeds.polling: unknown key; expected one of [connectors, mappings]"));
    }

    @Test
    void aConfiguredMappingUnderAShippedNameReplacesIt() throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.yaml"), new String(Files.readAllBytes(resource("fire-interventions.yaml")))
                .replace("confidence: 0.9", "confidence: 0.7"));
        VigieConfig cfg = ConfigLoader.parse("vigie.yaml", "feeds:\n  mappings:\n    fire-interventions: " + mine + "\n", dir);
        var fire = FeedRegistry.tabular(cfg, Marseille.approximateCity()).stream()
                .filter(f -> f.name().equals("tabular.fire-interventions")).toList();
        assertThat(fire).singleElement().satisfies(f -> assertThat(f.mapping().origin()).isEqualTo(mine.toString()));
    }

    @Test
    void ingestTabularHasHelp() {
        TestCli.Run r = CliTest.run("ingest", "tabular", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Usage: vigie ingest tabular", "--mapping", "--dry-run", "baltimore311");
    }

    @Test
    void dryRunMapsTheFileHereAndPrintsCountsAndFirstRejections() {
        TestCli.Run r = CliTest.run("ingest", "tabular", BALTIMORE.toString(), "--mapping", "baltimore311", "--dry-run",
                "--show", "3", "--rows", "50");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("200 rows: ", "events by type: [waste 93", BALTIMORE + ":2: Latitude/Longitude '39', '-77'",
                BALTIMORE + ":3: SRType 'ECC-Vehicle Look Up' is rejected by the type table", "… and ");
        assertThat(r.out().lines().filter(l -> l.startsWith(BALTIMORE + ":"))).hasSize(3);
    }

    @Test
    void badMappingsAndMissingFilesExitWithOne() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "format: {kind: xls}\n");
        TestCli.Run r = CliTest.run("ingest", "tabular", BALTIMORE.toString(), "--mapping", bad.toString(), "--dry-run");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(bad + ":1: format.kind: expected csv or jsonl, got 'xls'");
        assertThat(CliTest.run("ingest", "tabular", "nope.csv", "--mapping", "baltimore311").err()).contains("nope.csv: no such file");
        // A file whose header does not fit the mapping is refused as a whole.
        TestCli.Run wrong = CliTest.run("ingest", "tabular", BALTIMORE.toString(), "--mapping", "fire-interventions", "--dry-run");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("the header has no column 'id_intervention'");
    }

    @Test
    void uploadSendsChunksAndReportsRejectionsAtTheirLinesInTheFile() throws Exception {
        Path csv = fireCsv();
        Path mine = Files.writeString(dir.resolve("marins-pompiers.yaml"), Files.readString(resource("fire-interventions.yaml"))
                .replace("name: fire-interventions", "name: marins-pompiers"));
        var config = VigieConfig.embedded(dir.resolve("data"), 0)
                .withServer(new VigieConfig.Server("127.0.0.1", 0))
                .withFeeds(new VigieConfig.Feeds(java.util.List.of(), java.util.Map.of("marins-pompiers", mine)));
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            TestCli.Run r = CliTest.run("ingest", "tabular", csv.toString(), "--mapping", "fire-interventions",
                    "--source", "bmpm", "--server", platform.url());
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).contains("5 rows: 3 accepted, 0 already present, 2 rejected (quarantined)");
            assertThat(r.err()).contains(csv + ":5: motif 'Ouverture de porte' is rejected by the type table",
                    csv + ":8: the row has 8 fields, the header 13");
            // Again, in chunks of two rows: nothing new, and the rejections still at the file's lines.
            TestCli.Run again = CliTest.run("ingest", "tabular", csv.toString(), "--mapping", "fire-interventions",
                    "--rows", "2", "--source", "bmpm", "--server", platform.url());
            assertThat(again.out()).contains("5 rows: 0 accepted, 3 already present, 2 rejected");
            assertThat(again.err()).contains(csv + ":5: motif 'Ouverture de porte'", csv + ":8: the row has 8 fields");

            // A mapping registered in the server's configuration, sent by path.
            TestCli.Run registered = CliTest.run("ingest", "tabular", csv.toString(), "--mapping", mine.toString(),
                    "--source", "bmpm", "--server", platform.url());
            assertThat(registered.out()).contains("5 rows: 0 accepted, 3 already present");

            // A mapping the server does not know.
            Path unknown = Files.writeString(dir.resolve("elsewhere.yaml"), Files.readString(mine).replace("name: marins-pompiers", "name: elsewhere"));
            TestCli.Run refused = CliTest.run("ingest", "tabular", csv.toString(), "--mapping", unknown.toString(),
                    "--server", platform.url());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("the server has no format tabular.elsewhere: register the mapping under feeds.mappings");

            HttpResponse<String> formats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(platform.url()).resolve("/api/v1/feeds")).header("Authorization", TestAccess.BEARER).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(formats.body()).contains("tabular.baltimore311", "tabular.marins-pompiers");

            TestCli.Run q = CliTest.run("quarantine", "list", "--data-dir", dir.resolve("data").toString(), "--raw");
            // Whole or in chunks (line-offset), each bad row is quarantined once, under the file's own line.
            assertThat(q.out()).contains("feed:tabular.fire-interventions:bmpm", "line 5: motif 'Ouverture de porte'",
                    "line 8: the row has 8 fields").doesNotContain("Dupont", "0600000000");
            assertThat(q.out().split("  feed:tabular.fire-interventions:bmpm  ", -1)).hasSize(3);
        }
    }
}
