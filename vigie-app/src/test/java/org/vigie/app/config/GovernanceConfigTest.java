package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vigie.core.config.ConfigException;
import org.vigie.server.access.AccessSettings;
import org.vigie.server.access.Role;

class GovernanceConfigTest {
    private static final Path BASE = Path.of("/srv/vigie");
    private static final String SHA = "a".repeat(64);

    @Test
    void withoutSectionsAccessIsCheckedAndEvidenceKeptThirtyDaysBesideTheStore() {
        VigieConfig c = ConfigLoader.parse("empty.yaml", "", BASE);
        assertThat(c.access()).isEqualTo(AccessSettings.defaults());
        assertThat(c.access().enabled()).isTrue();
        assertThat(c.retention().evidenceDays()).isEqualTo(30);
        assertThat(c.retention().eventDays()).isEqualTo(90);
        assertThat(c.retention().every()).isEqualTo(Duration.ofDays(1));
        assertThat(c.retention().evidenceDir()).isEqualTo(Path.of("/srv/vigie/vigie-data/evidence"));
    }

    @Test
    void sectionsAreRead() {
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                access:
                  session-idle: 15m
                  session-absolute: 8h
                  always-secure-cookies: true
                  trust-proxy-headers: true
                  throttle: {account-failures: 3, address-failures: 50, first-delay: 2s, max-delay: 1h}
                  api-keys:
                    - {name: sdis13-cap, role: source, sha256: %s}
                retention:
                  evidence-dir: /data/evidence
                  evidence-days: 7
                  event-days: 365
                  every: 6h
                """.formatted(SHA), BASE);
        AccessSettings a = c.access();
        assertThat(a.sessionIdle()).isEqualTo(Duration.ofMinutes(15));
        assertThat(a.sessionAbsolute()).isEqualTo(Duration.ofHours(8));
        assertThat(a.alwaysSecure()).isTrue();
        assertThat(a.trustProxyHeaders()).isTrue();
        assertThat(a.throttle()).isEqualTo(new AccessSettings.Throttle(3, 50, Duration.ofSeconds(2), Duration.ofHours(1)));
        assertThat(a.keys()).containsExactly(new AccessSettings.MachineKey("sdis13-cap", Role.SOURCE, SHA));
        assertThat(c.retention()).isEqualTo(new VigieConfig.Retention(Path.of("/data/evidence"), 7, 365, Duration.ofHours(6)));
    }

    @Test
    void theAuditAnchorIsBesideTheDatabaseUnlessConfigured() {
        assertThat(ConfigLoader.parse("empty.yaml", "", BASE).auditAnchor())
                .isEqualTo(Path.of("/srv/vigie/vigie-data/audit-anchor.log"));
        VigieConfig c = ConfigLoader.parse("vigie.yaml", "access:\n  audit-anchor: /var/log/vigie/anchor.log\n"
                + "  audit-anchor-every: 10\n", BASE);
        assertThat(c.auditAnchor()).isEqualTo(Path.of("/var/log/vigie/anchor.log"));
        assertThat(c.access().anchorEvery()).isEqualTo(10);
        assertThatThrownBy(() -> ConfigLoader.parse("a.yaml", "access:\n  audit-anchor-every: 0\n", BASE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.yaml:2: access.audit-anchor-every");
    }

    @Test
    void evidenceKeptBeyondThirtyDaysIsRefusedWithTheLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("vigie.yaml", """
                server:
                  port: 8080
                retention:
                  evidence-days: 31
                """, BASE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactly(
                        "vigie.yaml:4: retention.evidence-days: evidence is kept at most 30 days (and at least 1), got 31"));
    }

    @Test
    void badKeysAndSettingsAreAllReported() {
        assertThatThrownBy(() -> ConfigLoader.parse("vigie.yaml", """
                access:
                  enabled: maybe
                  session-idle: 10s
                  api-keys:
                    - {name: Feed One, role: source, sha256: %s}
                    - {name: feed-two, role: public, sha256: %s}
                    - {name: feed-three, role: source, key: plain-text-key}
                  colour: blue
                retention:
                  event-days: 0
                """.formatted(SHA, SHA), BASE))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(8).anySatisfy(p ->
                        assertThat(p).startsWith("vigie.yaml:2: access.enabled"))
                        .anySatisfy(p -> assertThat(p).startsWith("vigie.yaml:3: access.session-idle"))
                        .anySatisfy(p -> assertThat(p).startsWith("vigie.yaml:5: access.api-keys[0].name"))
                        .anySatisfy(p -> assertThat(p).startsWith("vigie.yaml:6: access.api-keys[1].role"))
                        .anySatisfy(p -> assertThat(p).contains("access.api-keys[2]").contains("key"))
                        .anySatisfy(p -> assertThat(p).contains("colour"))
                        .anySatisfy(p -> assertThat(p).startsWith("vigie.yaml:10: retention.event-days")));
    }
}
