package org.vigie.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.PartitionedCorrelation;
import org.vigie.core.correlate.PartitionedCorrelation.Received;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.SourceKind;

class TopicsTest {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() throws Exception {
        kafka = new EmbeddedKafka();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void ensureCreatesEveryTopicWithItsPartitionsAndSettingsAndIsIdempotent() throws Exception {
        var topics = new Topics(new Topics.Sizes(3, 4, 2, 8, (short) 1));
        try (Admin admin = kafka.admin()) {
            topics.ensure(admin);
            topics.ensure(admin);
            var described = admin.describeTopics(topics.all().stream().map(Topics.Topic::name).toList())
                    .allTopicNames().get();
            for (Topics.Topic<?, ?> t : topics.all()) {
                assertThat(described.get(t.name()).partitions()).as(t.name()).hasSize(t.partitions());
            }
            var cameras = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CAMERAS);
            assertThat(admin.describeConfigs(List.of(cameras)).all().get().get(cameras)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
        }
    }

    @Test
    void aTopicWithAnotherPartitionCountIsNamed() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic("vigie.events", 5, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException alreadyThere) {
            // the other test made it first: its count is 3
        }
        var topics = new Topics(new Topics.Sizes(7, 4, 2, 8, (short) 1));
        try (Admin admin = kafka.admin()) {
            assertThatThrownBy(() -> topics.ensure(admin)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topic vigie.events has").hasMessageContaining("the configuration says 7");
        }
        assertThat(Map.of()).isEmpty();
    }

    @Test
    void aRoutedEventAndAnIncidentChangeComeBackFromTheirTopics() {
        var topics = new Topics(Topics.Sizes.SINGLE_BROKER);
        Instant at = Instant.parse("2026-07-14T21:30:00Z");
        Event e = Event.builder().type(EventType.THEFT).occurredAt(at).receivedAt(at.plusSeconds(2))
                .source(SourceKind.CITIZEN, "open311").location(43.2951, 5.3740, 10).confidence(0.7).build();
        var routed = topics.correlation().values();
        var copy = new Received(e, false);
        assertThat(routed.deserializer().deserialize(Topics.CORRELATION,
                routed.serializer().serialize(Topics.CORRELATION, copy))).isEqualTo(copy);

        var change = new IncidentChange(IncidentChange.Kind.OPENED,
                Incident.open(PartitionedCorrelation.incidentIdFor(e.id()), e), List.of(e.id()), 0);
        var changes = topics.incidents().values();
        IncidentChange back = changes.deserializer().deserialize(Topics.INCIDENTS,
                changes.serializer().serialize(Topics.INCIDENTS, change));
        assertThat(back.kind()).isEqualTo(change.kind());
        assertThat(back.incident().eventIds()).containsExactly(e.id());
        assertThat(back.incident().id()).isEqualTo(change.incident().id());

        assertThatThrownBy(() -> routed.deserializer().deserialize(Topics.CORRELATION,
                "{\"owned\": \"yes\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining(Topics.CORRELATION)
                .hasMessageContaining("owned");
    }
}
