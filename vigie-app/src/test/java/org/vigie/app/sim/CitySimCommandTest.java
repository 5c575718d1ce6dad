package org.vigie.app.sim;

import org.vigie.app.TestCli;
import org.vigie.app.TestCli.Run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.json.Json;
import org.vigie.store.Store;
import org.vigie.store.StoreConfig;

/** {@code vigie sim city} against the embedded platform, for one simulated hour of a small deployment. */
class CitySimCommandTest {
    @TempDir
    Path dir;


    private static Run run(String... args) {
        return TestCli.run(args);
    }

    @Test
    void anHourOfASmallCityReachesTheEmbeddedPlatformWithoutLoss() throws Exception {
        Path data = dir.resolve("data");
        Run r = run("sim", "city", "--hours", "1", "--cameras", "200", "--sensors", "10", "--seed", "7",
                "--batch", "25", "--data-dir", data.toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        // The test class path logs to stdout too: the summary is the one JSON line.
        JsonNode summary = Json.MAPPER.readTree(r.out().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
        long events = summary.get("events").asLong();
        assertThat(events).isPositive();
        assertThat(summary.get("loss").asLong()).isZero();
        assertThat(summary.get("lag").asLong()).isZero();
        assertThat(summary.get("drained").asBoolean()).isTrue();
        assertThat(summary.get("mode").asText()).isEqualTo("embedded");
        assertThat(summary.get("cameras").asInt()).isEqualTo(200);
        JsonNode latency = summary.get("latency_ms");
        assertThat(latency.get("events").asLong()).isEqualTo(events);
        assertThat(latency.get("p50").asDouble()).isNotNegative().isLessThanOrEqualTo(latency.get("p99").asDouble());
        assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());
        assertThat(summary.get("incidents_opened").asLong()).isPositive().isLessThanOrEqualTo(events);
        var bySource = new ArrayList<Long>();
        summary.get("events_by_source").forEach(n -> bySource.add(n.asLong()));
        assertThat(bySource.stream().mapToLong(Long::longValue).sum()).isEqualTo(events);
        assertThat(r.err()).contains("sim city: 1/1 h simulated");

        // What was sent is what the platform kept, each event in an incident.
        try (Store store = Store.open(StoreConfig.sqlite(data.resolve("vigie.db")))) {
            assertThat(store.events().count()).isGreaterThanOrEqualTo(events);
            assertThat(store.events().findUnassigned(java.time.Instant.EPOCH, 10)).isEmpty();
            assertThat(store.incidents().count()).isGreaterThanOrEqualTo(summary.get("incidents_opened").asLong());
        }
    }

    @Test
    void theSummaryReadsAsLinesWithoutJson() {
        Run r = run("sim", "city", "--hours", "1", "--cameras", "50", "--sensors", "5", "--rate-multiplier", "0.5");

        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("events sent").contains("events/s"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("latency").contains("p50", "p99"));
        assertThat(lines).contains("loss              0");
    }

    @Test
    void optionsOutOfRangeAreRefused() {
        assertThat(run("sim", "city", "--batch", "0").exit()).isEqualTo(2);
        assertThat(run("sim", "city", "--hours", "0").exit()).isEqualTo(2);
        Run negative = run("sim", "city", "--cameras", "-1");
        assertThat(negative.exit()).isEqualTo(2);
        assertThat(negative.err()).contains("cameras");
        Run noBroker = run("sim", "city", "--mode", "cluster");
        assertThat(noBroker.exit()).isEqualTo(2);
        assertThat(noBroker.err()).contains("--bootstrap");
        assertThat(run("sim", "--help").out()).contains("city");
    }
}
