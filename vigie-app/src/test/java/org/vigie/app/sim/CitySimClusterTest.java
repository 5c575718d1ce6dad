package org.vigie.app.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.Main;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.json.Json;
import org.vigie.core.priority.Triage;
import org.vigie.stream.EmbeddedKafka;
import org.vigie.stream.Topics;
import org.vigie.stream.correlate.CorrelationService;
import org.vigie.stream.correlate.StreamsSettings;

/**
 * {@code vigie sim city --mode cluster} against a Kafka broker in this JVM and the Kafka Streams correlator, as a
 * city-scale deployment runs them with one broker's topics and the default application id.
 */
class CitySimClusterTest {
    @TempDir
    Path dir;

    @Test
    void anHourOfASmallCityReachesTheClusterWithoutLoss() throws Exception {
        Topics topics = new Topics(Topics.Sizes.SINGLE_BROKER);
        CorrelationRules rules = CorrelationRules.defaults();
        var partitioner = new Partitioner(6, topics.sizes().correlation(), Math.max(Partitioner.marginFor(rules), 1000));
        try (var kafka = new EmbeddedKafka();
             var correlator = new CorrelationService(new StreamsSettings(SimCityCommand.DEFAULT_CORRELATOR,
                     kafka.bootstrapServers(), 1, dir.resolve("streams")), topics, rules, partitioner, Triage::standard)) {
            correlator.start();

            var out = new ByteArrayOutputStream();
            var err = new ByteArrayOutputStream();
            PrintStream oldOut = System.out;
            PrintStream oldErr = System.err;
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = Main.commandLine().execute("sim", "city", "--mode", "cluster", "--bootstrap",
                        kafka.bootstrapServers(), "--hours", "1", "--cameras", "200", "--sensors", "10", "--seed", "7",
                        "--batch", "25", "--json");
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }

            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            JsonNode summary = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("{")).findFirst().orElseThrow());
            long events = summary.get("events").asLong();
            assertThat(summary.get("mode").asText()).isEqualTo("cluster");
            assertThat(events).isPositive();
            assertThat(summary.get("loss").asLong()).isZero();
            assertThat(summary.get("drained").asBoolean()).isTrue();
            assertThat(summary.get("lag").asLong()).isZero();
            JsonNode latency = summary.get("latency_ms");
            assertThat(latency.get("events").asLong()).isEqualTo(events);
            assertThat(latency.get("p50").asDouble()).isLessThanOrEqualTo(latency.get("p99").asDouble());
            assertThat(summary.get("incidents_opened").asLong()).isPositive();
        }
    }
}
