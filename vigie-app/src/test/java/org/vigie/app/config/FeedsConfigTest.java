package org.vigie.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.feeds.FeedConnectors;
import org.vigie.core.config.ConfigException;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;

/** The {@code feeds:} section: what it accepts, and a file:line for everything it does not. */
class FeedsConfigTest {
    @TempDir
    Path base;

    static final Map<String, String> ENV = Map.of("SDIS_KEY", "k-42", "HOST", "alerts.example.org");

    VigieConfig parse(String yaml) {
        return ConfigLoader.parse("vigie.yaml", yaml, base, ENV::get);
    }

    List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    static FeedFormat named(String name) {
        return new FeedFormat() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public FeedBatch parse(byte[] document, FeedContext context) {
                return FeedBatch.EMPTY;
            }
        };
    }

    @Test
    void connectorsAreReadWithDefaultsAndEnvironmentValues() throws Exception {
        Files.createDirectories(base.resolve("inbox/cap"));
        VigieConfig c = parse("""
                feeds:
                  connectors:
                    - name: sdis13-cap
                      format: cap
                      url: https://${HOST}/cap/feed.atom?key=${SDIS_KEY}
                      interval: 30s
                      timeout: 10s
                      max-backoff: 10m
                      headers:
                        X-Api-Key: ${SDIS_KEY}
                        Accept: application/atom+xml
                      source: marins-pompiers
                    - name: inbox
                      format: cap
                      url: file:inbox/cap
                """);
        var connectors = c.feeds().connectors();
        assertThat(connectors).hasSize(2);
        VigieConfig.Connector cap = connectors.get(0);
        assertThat(cap.url().toString()).isEqualTo("https://alerts.example.org/cap/feed.atom?key=k-42");
        assertThat(cap.interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(cap.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cap.maxBackoff()).isEqualTo(Duration.ofMinutes(10));
        assertThat(cap.headers()).containsExactly(Map.entry("X-Api-Key", "k-42"), Map.entry("Accept", "application/atom+xml"));
        assertThat(cap.source()).isEqualTo("marins-pompiers");
        assertThat(cap.maxBytes()).isEqualTo(FeedFormat.MAX_DOCUMENT_BYTES);
        assertThat(cap.origin()).isEqualTo("vigie.yaml:4: feeds.connectors[0].format");
        assertThat(cap.toString()).doesNotContain("k-42");
        VigieConfig.Connector inbox = connectors.get(1);
        assertThat(inbox.watchesFolder()).isTrue();
        assertThat(Path.of(inbox.url())).isEqualTo(base.resolve("inbox/cap").toAbsolutePath().normalize());
        assertThat(inbox.source()).as("the name by default").isEqualTo("inbox");
        assertThat(inbox.interval()).isEqualTo(VigieConfig.Connector.DEFAULT_INTERVAL);
    }

    @Test
    void everyMistakeIsReportedWithItsLine() {
        List<String> p = problems("""
                feeds:
                  connectors:
                    - name: Bad Name
                      format: cap
                      url: ftp://example.org/feed
                    - format: cap
                      url: https://example.org/feed
                      interval: 100ms
                    - name: dup
                      url: https://example.org/a
                    - name: dup
                      format: cap
                      url: https://example.org/b?token=s3cret
                      timeout: 1h
                      headers:
                        Host: evil.example.org
                        X-Key: ${MISSING_KEY}
                      colour: blue
                    - name: folder
                      format: cap
                      url: file:not/there
                  extra: 1
                """);
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:3: feeds.connectors[0].name: expected lower-case"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:5: feeds.connectors[0].url: expected http://"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:6: feeds.connectors[1].name: required"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:8: feeds.connectors[1].interval: expected between 1s and 1d"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:9: feeds.connectors[2].format: required"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:11: feeds.connectors[3].name: another connector is already named 'dup'"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:14: feeds.connectors[3].timeout: expected more than 0 and at most 10m"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:16: feeds.connectors[3].headers.Host: set by Vigie itself"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:17: feeds.connectors[3].headers.X-Key: environment variable MISSING_KEY is not set"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:18: feeds.connectors[3].colour: unknown key"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:21: feeds.connectors[4].url: no such folder"));
        assertThat(p).anySatisfy(s -> assertThat(s).startsWith("vigie.yaml:22: feeds.extra: unknown key"));
        assertThat(String.join("\n", p)).doesNotContain("s3cret");
    }

    @Test
    void unknownFormatsAreNamedWithTheLineAndTheFormatsThereAre() {
        VigieConfig c = parse("""
                feeds:
                  connectors:
                    - name: a
                      format: cap
                      url: https://example.org/a
                    - name: b
                      format: kap
                      url: https://example.org/b
                """);
        assertThat(FeedConnectors.check(c.feeds(), List.of(named("cap"), named("open311"))))
                .containsExactly("vigie.yaml:7: feeds.connectors[1].format: unknown feed format 'kap'; expected one of [cap, open311]");
        assertThat(FeedConnectors.check(c.feeds(), List.of()))
                .allSatisfy(s -> assertThat(s).endsWith("this build reads no feed format"));
    }

    @Test
    void noFeedsSectionMeansNoConnectors() {
        assertThat(parse("server:\n  port: 8081\n").feeds().connectors()).isEmpty();
        assertThatThrownBy(() -> parse("feeds:\n  connectors: nope\n")).hasMessageContaining("vigie.yaml:2: feeds.connectors: expected a list");
    }
}
