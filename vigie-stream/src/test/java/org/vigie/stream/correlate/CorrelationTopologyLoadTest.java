package org.vigie.stream.correlate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventId;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.priority.Triage;
import org.vigie.stream.Topics;

/**
 * A dense day of the city through the real topology, partitioned as a cluster partitions it: every event the
 * correlator received must come out in some incident change (data acknowledged is never lost), however widely its
 * incident chained across partition borders.
 */
class CorrelationTopologyLoadTest {
    private static final CorrelationRules RULES = CorrelationRules.defaults();

    @TempDir
    Path state;

    /** What a day's changes did with its events. */
    record Tally(int events, int changes, long handedOn, Set<EventId> lost, Set<EventId> twice) {
        @Override
        public String toString() {
            return events + " events, " + changes + " changes, " + handedOn + " handed on, " + lost.size() + " lost, "
                    + twice.size()
                    + " in two live incidents";
        }
    }

    @ParameterizedTest(name = "seed {0}, {2} events, {1} partitions")
    @CsvSource({"1, 2, 28000", "2, 4, 20000", "3, 8, 20000"})
    void noEventOfADenseDayIsLost(long seed, int partitions, int size) {
        Tally t = run(DenseCityDay.of(seed, size), partitions);
        assertThat(t.handedOn()).as("events handed on between partitions (%s)", t).isPositive();
        assertThat(t.lost()).as("events in no emitted change (%s)", t).isEmpty();
        // Partitions whose views of an incident part can each put an event in an incident they own: rare.
        assertThat(t.twice()).as("events in two live incidents (%s)", t).hasSizeLessThan(size / 200);
    }

    private Tally run(List<Event> day, int n) {
        var topics = new Topics(new Topics.Sizes(3, n, 2, 8, (short) 1));
        var partitioner = new Partitioner(6, n, Math.max(Partitioner.marginFor(RULES), 1000));
        var counts = new CorrelationCounts();
        try (var driver = new TopologyTestDriver(CorrelationTopology.build(topics, RULES, partitioner,
                Triage::standard, counts), new StreamsSettings("vigie-load", "unused:9092", 1,
                state).properties(topics))) {
            TestInputTopic<String, Event> events = driver.createInputTopic(topics.events().name(),
                    topics.events().keys().serializer(), topics.events().values().serializer());
            TestOutputTopic<String, IncidentChange> incidents = driver.createOutputTopic(topics.incidents().name(),
                    topics.incidents().keys().deserializer(), topics.incidents().values().deserializer());
            Set<EventId> added = new HashSet<>();
            Map<IncidentId, Incident> latest = new HashMap<>();
            int changes = 0;
            for (Event e : day) {
                events.pipeInput(e.id().toString(), e, e.receivedAt());
                for (IncidentChange c : incidents.readValuesToList()) {
                    changes++;
                    added.addAll(c.addedEvents());
                    latest.merge(c.incident().id(), c.incident(),
                            (a, b) -> a.version() >= b.version() ? a : b);
                }
            }
            Set<EventId> lost = new HashSet<>();
            day.forEach(e -> lost.add(e.id()));
            lost.removeAll(added);
            Set<EventId> once = new HashSet<>();
            Set<EventId> twice = new HashSet<>();
            for (Incident i : latest.values()) {
                if (i.mergedInto() == null) {
                    i.eventIds().stream().filter(id -> !once.add(id)).forEach(twice::add);
                }
            }
            return new Tally(day.size(), changes, counts.handedOn(), lost, twice);
        }
    }
}
