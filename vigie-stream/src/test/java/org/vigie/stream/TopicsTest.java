package org.vigie.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
