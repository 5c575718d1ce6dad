package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vigie.app.config.VigieConfig.Role;
import org.vigie.core.config.ConfigException;

/** The {@code cluster} section: a member's roles and the deployment's Kafka layout, checked before anything starts. */
class ClusterConfigTest {
    private static final Path BASE = Path.of("/etc/vigie");

    @Test
    void withoutTheSectionVigieRunsEmbedded() {
        assertThat(ConfigLoader.parse("embedded.yaml", "", BASE).cluster()).isNull();
    }

    @Test
    void aMemberIsReadWithItsRolesAndLayout() {
        VigieConfig c = ConfigLoader.parse("member.yaml", """
                store: {url: "jdbc:postgresql://db/vigie"}
                cluster:
                  bootstrap-servers: k1:9092,k2:9092
                  roles: [api, video-worker]
                  partitions: {events: 24, correlation: 16, incidents: 8, cameras: 128}
                  replication: 3
                  stream-threads: 2
                  state-dir: /var/lib/vigie/streams
                  session-timeout: 20s
                """, BASE);
        VigieConfig.Cluster cluster = c.cluster();
        assertThat(cluster.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(cluster.roles()).containsExactlyInAnyOrder(Role.API, Role.VIDEO_WORKER);
        assertThat(cluster.sizes().correlation()).isEqualTo(16);
        assertThat(cluster.sizes().cameras()).isEqualTo(128);
        assertThat(cluster.sizes().replication()).isEqualTo((short) 3);
        assertThat(cluster.streamThreads()).isEqualTo(2);
        assertThat(cluster.stateDir()).isEqualTo(Path.of("/var/lib/vigie/streams"));
        assertThat(cluster.sessionTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cluster.marginMeters()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void withoutRolesAProcessIsTheWholePlatformButTheWorkers() {
        VigieConfig c = ConfigLoader.parse("all.yaml", """
                store: {url: "jdbc:postgresql://db/vigie"}
                cluster: {bootstrap-servers: "k1:9092"}
                """, BASE);
        assertThat(c.cluster().roles()).containsExactlyInAnyOrder(Role.INGEST, Role.CORRELATE, Role.STORE, Role.API);
    }

    @Test
    void everyMistakeIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("bad.yaml", """
                cluster:
                  roles: [api, juggler]
                  margin-meters: 10
                """, BASE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cluster.bootstrap-servers: required")
                .hasMessageContaining("unknown role 'juggler'")
                .hasMessageContaining("cluster.margin-meters: at least the largest correlation radius")
                .hasMessageContaining("store.url must be jdbc:postgresql://HOST/DB");
    }
}
