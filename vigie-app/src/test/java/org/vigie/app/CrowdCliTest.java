package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;

/** {@code vigie ingest telecom FILE.csv}: counts under k suppressed, departures found and sent, a summary. */
class CrowdCliTest {
    @TempDir
    Path dir;

    @Test
    void telecomPresenceIsReadHereAndOnlyDeparturesAreSent() throws Exception {
        var r = new Random(4);
        var csv = new StringBuilder("zone_id;horodatage;nb_devices\n");
        Instant start = Instant.parse("2025-05-05T00:00:00Z");
        Instant crowd = start.plus(Duration.ofDays(22)).plus(Duration.ofHours(19));
        int small = 0;
        for (Instant t = start; t.isBefore(start.plus(Duration.ofDays(24))); t = t.plus(Duration.ofHours(1))) {
            int hour = (int) ((t.getEpochSecond() / 3600 + 2) % 24);
            for (String zone : new String[] {"13201", "13207", "Marseille 8e Arrondissement"}) {
                long devices = Math.round(3000 * (0.4 + 0.6 * Math.sin(Math.PI * Math.max(0, hour - 6) / 18.0))
                        * (1 + 0.08 * r.nextGaussian()));
                if (zone.equals("13207") && t.equals(crowd)) {
                    devices *= 3;
                }
                csv.append(zone).append(';').append(t).append(';').append(devices).append('\n');
            }
            if (r.nextInt(10) == 0) { // a sparsely visited cell, mostly under k
                csv.append("881f9a4d9ffffff;").append(t).append(';').append(r.nextInt(5)).append('\n');
                small++;
            }
        }
        csv.append("13201;not a time;500\n");
        Path file = Files.writeString(dir.resolve("presence.csv"), csv);

        TestCli.Run dry = CliTest.run("ingest", "telecom", file.toString(), "--dry-run");
        assertThat(dry.exit()).as(dry.err()).isEqualTo(2);
        assertThat(dry.out()).contains(small + " suppressed (under k = 5), 1 rejected", "departures found",
                "Marseille 7e Arrondissement");
        assertThat(dry.err()).contains(file + ":" + (csv.toString().split("\n").length) + ": start: 'not a time'");

        var config = VigieConfig.embedded(dir.resolve("data"), 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            TestCli.Run sent = CliTest.run("ingest", "telecom", file.toString(), "--server", platform.url());
            assertThat(sent.out()).containsPattern("\\d+ crowd_presence events sent: \\d+ accepted");
            TestCli.Run again = CliTest.run("ingest", "telecom", file.toString(), "--server", platform.url());
            assertThat(again.out()).as("the same file gives the same events").contains(" 0 accepted");
        }
    }
}
