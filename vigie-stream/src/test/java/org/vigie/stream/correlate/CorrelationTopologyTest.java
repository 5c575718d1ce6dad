package org.vigie.stream.correlate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.vigie.stream.correlate.TestCity.EAST;
import static org.vigie.stream.correlate.TestCity.INLAND;
import static org.vigie.stream.correlate.TestCity.PARTITIONER;
import static org.vigie.stream.correlate.TestCity.RULES;
import static org.vigie.stream.correlate.TestCity.WEST;
import static org.vigie.stream.correlate.TestCity.owner;
import static org.vigie.stream.correlate.TestCity.report;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.BooleanDeserializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.PartitionedCorrelation;
import org.vigie.core.correlate.PartitionedCorrelation.Received;
import org.vigie.core.correlate.Partitioner;
import org.vigie.core.model.Event;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.EventType;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Verdict;
import org.vigie.core.priority.Triage;
import org.vigie.stream.Topics;

/**
 * The correlation topology in a TopologyTestDriver, with explicit event times. The driver runs the whole topology
 * as one task, so the correlation partitions meet in one processor, each with its own Partition, as they would
 * in their own tasks.
 */
class CorrelationTopologyTest {
    private static final String APP = "vigie-test";
    private static final Instant T0 = Instant.parse("2026-07-14T21:30:00Z");
    /** A theft's rule: 250 m, 15 minutes (the default rule; thefts are in no family and no composite rule). */
    private static final Duration THEFT_WINDOW = RULES.ruleFor(EventType.THEFT).window();

    private final Topics topics = new Topics(new Topics.Sizes(3, 4, 2, 8, (short) 1));
    @TempDir
    Path state;
    private TopologyTestDriver driver;
    private CorrelationCounts counts;
    private TestInputTopic<String, Event> events;
    private TestOutputTopic<Integer, Received> byCell;
    private TestOutputTopic<String, IncidentChange> incidents;

    private void open() {
        open(new StreamsSettings(APP, "unused:9092", 1, state).properties(topics));
    }

    private void open(Properties settings) {
        counts = new CorrelationCounts();
        driver = new TopologyTestDriver(CorrelationTopology.build(topics, RULES, PARTITIONER, Triage::standard, counts),
                settings);
        events = driver.createInputTopic(topics.events().name(), topics.events().keys().serializer(),
                topics.events().values().serializer());
        byCell = driver.createOutputTopic(topics.correlation().name(), topics.correlation().keys().deserializer(),
                topics.correlation().values().deserializer());
        incidents = driver.createOutputTopic(topics.incidents().name(), topics.incidents().keys().deserializer(),
                topics.incidents().values().deserializer());
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    /** As ingest writes it: keyed by id, stamped when received. */
    private void send(Event e) {
        events.pipeInput(e.id().toString(), e, e.receivedAt());
    }

    @Test
    void anEventNearABorderReachesBothPartitionsAndOneFarFromAnyReachesOne() {
        open();
        Event near = report(EventType.THEFT, T0, WEST);
        send(near);
        List<TestRecord<Integer, Received>> routed = byCell.readRecordsToList();
        assertThat(routed).extracting(TestRecord::key).contains(owner(WEST), owner(EAST))
                .containsExactlyInAnyOrderElementsOf(keysOf(PARTITIONER.route(near)));
        assertThat(routed).allSatisfy(r -> {
            assertThat(r.value().event()).isEqualTo(near);
            assertThat(r.value().owned()).isEqualTo(r.key() == owner(WEST));
            assertThat(r.timestamp()).isEqualTo(T0.toEpochMilli());
        });

        Event far = report(EventType.THEFT, T0, INLAND);
        send(far);
        assertThat(byCell.readRecordsToList()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(owner(INLAND));
            assertThat(r.value()).isEqualTo(new Received(far, true));
        });
        assertThat(counts.events()).isEqualTo(2);
    }

    private static List<Integer> keysOf(Partitioner.Route route) {
        var keys = new ArrayList<Integer>(List.of(route.owner()));
        Arrays.stream(route.replicas()).forEach(keys::add);
        return keys;
    }

    @Test
    void anOperatorsDecisionIsAppliedByTheOwnerOnlyAtTheVersionTheOperatorSaw() {
        open();
        TestInputTopic<Integer, IncidentChange> commands = driver.createInputTopic(topics.commands().name(),
                topics.commands().keys().serializer(), topics.commands().values().serializer());
        Event first = report(EventType.THEFT, T0, INLAND);
        send(first);
        IncidentChange opened = incidents.readValue();
        var seen = opened.incident();
        int owner = owner(INLAND);

        // Acknowledged at the version the operator saw: applied, passed on, and the partition's copy follows it.
        var ack = seen.transition(IncidentStatus.ACKNOWLEDGED,
                new Verdict("op-1", T0.plusSeconds(60), null, null));
        var decision = new IncidentChange(IncidentChange.Kind.STATUS_CHANGED, ack, List.of(), seen.version());
        commands.pipeInput(owner, decision, T0.plusSeconds(60));
        assertThat(incidents.readValue()).isEqualTo(decision);
        send(report(EventType.THEFT, T0.plusSeconds(90), INLAND));
        IncidentChange joined = incidents.readValue();
        assertThat(joined.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
        assertThat(joined.incident().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
        assertThat(joined.baseVersion()).isEqualTo(ack.version());

        // A decision made on the version before that event is stale: nothing is passed on.
        var stale = ack.transition(IncidentStatus.DISMISSED,
                new Verdict("op-2", T0.plusSeconds(120), null, DismissalReason.FALSE_REPORT));
        commands.pipeInput(owner, new IncidentChange(IncidentChange.Kind.STATUS_CHANGED, stale, List.of(),
                ack.version()), T0.plusSeconds(120));
        assertThat(incidents.isEmpty()).isTrue();
        assertThat(counts.decisions()).isEqualTo(1);
        assertThat(counts.refusals()).isEqualTo(1);
    }

    @Test
    void twoEventsEitherSideOfABorderMakeOneIncident() {
        open();
        Event west = report(EventType.THEFT, T0, WEST);
        Event east = report(EventType.THEFT, T0.plusSeconds(30), EAST);
        send(west);
        send(east);

        List<TestRecord<String, IncidentChange>> out = incidents.readRecordsToList();
        String id = PartitionedCorrelation.incidentIdFor(west.id()).toString();
        assertThat(out).extracting(TestRecord::key).containsExactly(id, id);
        assertThat(out.get(0).value().kind()).isEqualTo(IncidentChange.Kind.OPENED);
        assertThat(out.get(0).timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(out.get(1).value().kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
        assertThat(out.get(1).value().addedEvents()).containsExactly(east.id());
        assertThat(out.get(1).value().baseVersion()).isEqualTo(1);
        assertThat(out.get(1).value().incident().eventIds()).containsExactly(west.id(), east.id());
        assertThat(out.get(1).timestamp()).isEqualTo(east.occurredAt().toEpochMilli());
        assertThat(counts.changes()).isEqualTo(2);
    }

    /**
     * An incident accepts events until its window closes (its last event plus the rule's window); the engine lets
     * it go once the watermark passes that by {@link CorrelationEngine#ALLOWED_LATENESS}. An event that arrives
     * late, within that, still joins.
     */
    @Test
    void aLateEventWithinTheAllowedLatenessJoins() {
        open();
        Event first = report(EventType.THEFT, T0, INLAND);
        Instant closes = T0.plus(THEFT_WINDOW);
        Instant watermark = closes.plus(CorrelationEngine.ALLOWED_LATENESS);
        send(first);
        send(report(EventType.GRAFFITI, watermark, INLAND)); // another rule: moves the watermark, joins nothing
        Event late = report(EventType.THEFT, closes.minusSeconds(1), watermark, INLAND);
        send(late);

        List<IncidentChange> thefts = thefts(incidents.readValuesToList());
        assertThat(thefts).extracting(IncidentChange::kind)
                .containsExactly(IncidentChange.Kind.OPENED, IncidentChange.Kind.EVENTS_ADDED);
        assertThat(thefts.get(1).incident().id()).isEqualTo(PartitionedCorrelation.incidentIdFor(first.id()));
        assertThat(thefts.get(1).addedEvents()).containsExactly(late.id());
    }

    /** Past the allowed lateness the incident is gone from the engine (not from the store): the event opens another. */
    @Test
    void aLateEventBeyondTheAllowedLatenessOpensANewIncident() {
        open();
        Event first = report(EventType.THEFT, T0, INLAND);
        Instant closes = T0.plus(THEFT_WINDOW);
        Instant watermark = closes.plus(CorrelationEngine.ALLOWED_LATENESS).plusMillis(1);
        send(first);
        send(report(EventType.GRAFFITI, watermark, INLAND));
        Event late = report(EventType.THEFT, closes.minusSeconds(1), watermark, INLAND);
        send(late);

        List<IncidentChange> thefts = thefts(incidents.readValuesToList());
        assertThat(thefts).extracting(IncidentChange::kind)
                .containsExactly(IncidentChange.Kind.OPENED, IncidentChange.Kind.OPENED);
        assertThat(thefts.get(1).incident().id()).isEqualTo(PartitionedCorrelation.incidentIdFor(late.id()));
        assertThat(driver.<String, PartitionCorrelator.Held>getKeyValueStore(CorrelationTopology.INCIDENTS_STORE)
                .get(owner(INLAND) + "/" + PartitionedCorrelation.incidentIdFor(first.id())))
                .as("the evicted incident leaves the task's store").isNull();
    }

    private static List<IncidentChange> thefts(List<IncidentChange> changes) {
        return changes.stream().filter(c -> c.incident().type() == EventType.THEFT).toList();
    }

    @Test
    void theSameEventTwiceChangesNothing() {
        open();
        Event west = report(EventType.THEFT, T0, WEST);
        send(west);
        send(west);
        assertThat(incidents.readValuesToList()).extracting(IncidentChange::kind)
                .containsExactly(IncidentChange.Kind.OPENED);
        assertThat(counts.duplicates()).isEqualTo(keysOf(PARTITIONER.route(west)).size());
    }

    /**
     * A restart on a machine whose disk was lost: the driver wipes its state directory on close, and the new one
     * gets its stores back from the changelogs, as Kafka Streams restores them.
     */
    @Test
    void afterARestartANewEventJoinsTheIncidentAndAnOldOneChangesNothing() {
        open();
        Event west = report(EventType.THEFT, T0, WEST);
        send(west);
        assertThat(incidents.readValuesToList()).extracting(IncidentChange::kind)
                .containsExactly(IncidentChange.Kind.OPENED);
        var changelogs = Changelogs.of(driver);
        driver.close();

        open();
        changelogs.restoreInto(driver);
        Event east = report(EventType.THEFT, T0.plusSeconds(30), EAST);
        send(west);
        send(east);
        List<IncidentChange> out = incidents.readValuesToList();
        assertThat(out).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo(IncidentChange.Kind.EVENTS_ADDED);
            assertThat(c.incident().id()).isEqualTo(PartitionedCorrelation.incidentIdFor(west.id()));
            assertThat(c.incident().eventIds()).containsExactly(west.id(), east.id());
            assertThat(c.baseVersion()).isEqualTo(1);
        });
        assertThat(counts.duplicates()).isEqualTo(keysOf(PARTITIONER.route(west)).size());
    }

    /** What a first driver wrote to its stores' changelogs, to be read back into a second one's stores. */
    private record Changelogs(List<TestRecord<String, PartitionCorrelator.Held>> incidents,
                              List<TestRecord<Integer, String>> watermarks, List<TestRecord<byte[], Boolean>> seen) {
        static Changelogs of(TopologyTestDriver d) {
            return new Changelogs(
                    d.createOutputTopic(changelog(CorrelationTopology.INCIDENTS_STORE), new StringDeserializer(),
                            PartitionCorrelator.Held.SERDE.deserializer()).readRecordsToList(),
                    d.createOutputTopic(changelog(CorrelationTopology.WATERMARKS_STORE), new IntegerDeserializer(),
                            new StringDeserializer()).readRecordsToList(),
                    d.createOutputTopic(changelog(CorrelationTopology.SEEN_STORE), new ByteArrayDeserializer(),
                            new BooleanDeserializer()).readRecordsToList());
        }

        private static String changelog(String store) {
            return APP + "-" + store + "-changelog";
        }

        void restoreInto(TopologyTestDriver d) {
            assertThat(incidents).as("incidents changelog").isNotEmpty();
            KeyValueStore<String, PartitionCorrelator.Held> held = d.getKeyValueStore(CorrelationTopology.INCIDENTS_STORE);
            incidents.forEach(r -> held.put(r.key(), r.value()));
            KeyValueStore<Integer, String> marks = d.getKeyValueStore(CorrelationTopology.WATERMARKS_STORE);
            watermarks.forEach(r -> marks.put(r.key(), r.value()));
            WindowStore<String, Boolean> applied = d.getWindowStore(CorrelationTopology.SEEN_STORE);
            for (var r : seen) {
                // A window store's changelog key: the key's bytes, the window's start (8 bytes), a sequence number (4).
                byte[] k = r.key();
                applied.put(new String(k, 0, k.length - 12, UTF_8), r.value(), ByteBuffer.wrap(k).getLong(k.length - 12));
            }
        }
    }

    /**
     * Under exactly-once the driver passes on no dead letters (a real broker does: {@code CorrelationServiceTest}),
     * so this runs at least once, with the rest of the settings as they are.
     */
    @Test
    void anUnreadableEventGoesToTheQuarantineWithTheReason() {
        Properties settings = new StreamsSettings(APP, "unused:9092", 1, state).properties(topics);
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        open(settings);
        TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(topics.events().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        TestOutputTopic<byte[], byte[]> quarantine = driver.createOutputTopic(topics.quarantine().name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        raw.pipeInput("k1".getBytes(UTF_8), "{not json".getBytes(UTF_8), T0);
        raw.pipeInput("k2".getBytes(UTF_8), "{\"id\": \"0190c3e0-0000-7000-8000-000000000001\"}".getBytes(UTF_8), T0);
        send(report(EventType.THEFT, T0, INLAND));

        List<TestRecord<byte[], byte[]>> bad = quarantine.readRecordsToList();
        assertThat(bad).hasSize(2);
        assertThat(new String(bad.get(0).value(), UTF_8)).isEqualTo("{not json");
        assertThat(header(bad.get(0), "__streams.errors.message")).contains("vigie.events").contains("not JSON");
        assertThat(header(bad.get(0), "__streams.errors.topic")).isEqualTo("vigie.events");
        assertThat(header(bad.get(1), "__streams.errors.message")).contains("not a valid event").contains("type");
        assertThat(incidents.readValuesToList()).as("the stream goes on").hasSize(1);
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        assertThat(h).as(name).isNotNull();
        return new String(h.value(), UTF_8);
    }

    @Test
    void aPartitionerThatDisagreesWithTheCorrelationTopicIsRefused() {
        var three = new Partitioner(6, 3, PARTITIONER.marginMeters());
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CorrelationTopology.build(topics, RULES, three, Triage::standard, new CorrelationCounts()))
                .withMessageContaining("3 correlation partitions").withMessageContaining("vigie.events.by-cell has 4");
    }
}
