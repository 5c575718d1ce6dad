package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.config.ConfigException;
import org.vigie.feeds.social.BurstSettings;

class SocialConfigTest {
    private static final Path BASE = Path.of("/srv/vigie");

    @TempDir
    Path dir;

    @Test
    void absentMeansNoStream() {
        assertThat(ConfigLoader.parse("vigie.yaml", "server:\n  port: 8080\n", BASE).social().streams()).isEmpty();
    }

    @Test
    void streamsAreReadWithTheirTokenFromTheEnvironmentOrAFileAndTheTokenIsNeverPrinted() throws Exception {
        Files.writeString(dir.resolve("token"), "file-t0ken-value\n");
        VigieConfig c = ConfigLoader.parse("vigie.yaml", """
                city:
                  time-zone: Europe/Paris
                social:
                  streams:
                    - id: mastodon-social
                      server: https://mastodon.social
                      hashtag: ApéroGéant
                      access-token-env: VIGIE_MASTODON_TOKEN
                      window: 30m
                      min-authors: 7
                      false-alarms-per-day: 0.5
                      min-history: 2d
                      evaluate-every: 10s
                    - id: local
                      server: http://localhost:4000/
                      access-token-file: token
                """, dir, Map.of("VIGIE_MASTODON_TOKEN", "env-t0ken-value")::get);
        var streams = c.social().streams();
        assertThat(streams).hasSize(2);
        VigieConfig.SocialStream a = streams.get(0);
        assertThat(a.id()).isEqualTo("mastodon-social");
        assertThat(a.server().toString()).isEqualTo("https://mastodon.social");
        assertThat(a.hashtag()).isEqualTo("ApéroGéant");
        assertThat(a.accessToken()).isEqualTo("env-t0ken-value");
        assertThat(a.bursts().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(a.bursts().minAuthors()).isEqualTo(7);
        assertThat(a.bursts().falseAlarmsPerDay()).isEqualTo(0.5);
        assertThat(a.bursts().minHistory()).isEqualTo(Duration.ofDays(2));
        assertThat(a.bursts().zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(a.evaluateEvery()).isEqualTo(Duration.ofSeconds(10));
        VigieConfig.SocialStream b = streams.get(1);
        assertThat(b.hashtag()).isNull();
        assertThat(b.accessToken()).isEqualTo("file-t0ken-value");
        BurstSettings d = BurstSettings.defaults();
        assertThat(b.bursts().window()).isEqualTo(d.window());
        assertThat(b.bursts().minAuthors()).isEqualTo(d.minAuthors());
        assertThat(b.bursts().falseAlarmsPerDay()).isEqualTo(d.falseAlarmsPerDay());
        assertThat(b.evaluateEvery()).isEqualTo(VigieConfig.SocialStream.DEFAULT_EVALUATE_EVERY);
        assertThat(c.social().toString()).doesNotContain("t0ken");
    }

    @Test
    void missingIdBadServersAndATokenWrittenInTheFileAreReportedWithFileAndLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("social.yaml", """
                social:
                  streams:
                    - server: https://mastodon.social
                    - id: plain
                      server: http://mastodon.example
                    - id: ftp
                      server: ftp://mastodon.example
                    - id: written
                      server: https://mastodon.social
                      access-token: Zq9-written-secret
                    - id: unset
                      server: https://mastodon.social
                      access-token-env: NOT_SET
                    - id: tiny
                      server: https://mastodon.social
                      window: 7m
                      min-authors: 1
                    - id: plain
                      server: https://mastodon.social
                      colour: blue
                """, BASE, Map.<String, String>of()::get))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    var problems = ((ConfigException) e).problems();
                    assertThat(problems).containsExactlyInAnyOrder(
                            "social.yaml:3: social.streams[0].id: required: a short id such as mastodon-social (the source "
                                    + "id of its events, social/ID)",
                            "social.yaml:5: social.streams[1].server: expected https://HOST (or http://localhost for a server "
                                    + "on this machine), without query nor credentials, got 'http://mastodon.example'",
                            "social.yaml:7: social.streams[2].server: expected https://HOST (or http://localhost for a server "
                                    + "on this machine), without query nor credentials, got 'ftp://mastodon.example'",
                            "social.yaml:10: social.streams[3].access-token: the token is never written in the configuration;"
                                    + " name an environment variable (access-token-env) or a file (access-token-file)",
                            "social.yaml:13: social.streams[4].access-token-env: environment variable NOT_SET is not set or empty",
                            "social.yaml:17: social.streams[5].min-authors: expected an integer between 2 and 10000, got 1",
                            "social.yaml:14: social.streams[5]: window must divide a day evenly, got PT7M",
                            "social.yaml:18: social.streams[6].id: another stream is already named 'plain'",
                            "social.yaml:20: social.streams[6].colour: unknown key; expected one of [access-token, "
                                    + "access-token-env, access-token-file, evaluate-every, false-alarms-per-day, hashtag, id, idle-timeout, "
                                    + "lateness, max-backoff, min-authors, min-history, reconnect, server, token, window]");
                    assertThat(String.join("\n", problems)).doesNotContain("Zq9-written-secret");
                });
    }
}
