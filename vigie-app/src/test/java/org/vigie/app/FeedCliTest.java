package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.app.config.VigieConfig;

/** {@code vigie ingest FORMAT FILE}, {@code vigie feeds} and feeds in {@code vigie config check}. */
class FeedCliTest {
    @TempDir
    Path dir;

    @Test
    void aFeedDocumentIsSentToTheServerAndWhatBecameOfItIsPrinted() throws Exception {
        var config = VigieConfig.embedded(dir.resolve("data"), 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        Instant t = Instant.now().minusSeconds(300);
        Path doc = Files.writeString(dir.resolve("alerts.lines"), "#lines\n"
                + "k-1," + t + ",43.29,5.37,fire\n"
                + "k-2," + t.plusSeconds(30) + ",43.30,5.38,smoke\n"
                + "k-3,soon,43.30,5.38,smoke\n");
        Path junk = Files.writeString(dir.resolve("junk.lines"), "<html>not a feed</html>");
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC(), (c, city) -> List.of(new TestLinesFormat()))) {
            String server = platform.url();

            TestCli.Run first = CliTest.run("ingest", "lines", doc.toString(), "--source", "sdis-import", "--server", server);
            assertThat(first.exit()).as(first.err()).isEqualTo(2);
            assertThat(first.out()).contains("2 accepted, 0 already present, 1 quarantined");
            assertThat(first.err()).contains(doc + ": line 4: ").contains("soon");

            TestCli.Run again = CliTest.run("ingest", "lines", doc.toString(), "--source", "sdis-import", "--server", server);
            assertThat(again.out()).as("the same document under the same source is the same events")
                    .contains("0 accepted, 2 already present, 1 quarantined");

            TestCli.Run unreadable = CliTest.run("ingest", "lines", junk.toString(), "--server", server);
            assertThat(unreadable.exit()).isEqualTo(2);
            assertThat(unreadable.err()).contains("cannot read this lines document", "quarantined");

            TestCli.Run unknown = CliTest.run("ingest", "kap", doc.toString(), "--server", server);
            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("no feed format 'kap'", "[lines]");

            TestCli.Run feeds = CliTest.run("feeds", "--server", server);
            assertThat(feeds.exit()).isZero();
            assertThat(feeds.out()).contains("formats:", "  lines", "connectors: none");
        }
    }

    @Test
    void namedSubcommandsKeepTheirPlaceAndIngestAloneExplains() {
        TestCli.Run usage = CliTest.run("ingest");
        assertThat(usage.exit()).isZero();
        assertThat(usage.out()).contains("vigie ingest FORMAT FILE", "events");
        TestCli.Run help = CliTest.run("ingest", "events", "--help");
        assertThat(help.out()).contains("Usage: vigie ingest events");
        TestCli.Run missingFile = CliTest.run("ingest", "cap");
        assertThat(missingFile.exit()).isEqualTo(2);
        assertThat(missingFile.err()).contains("Missing FILE");
        assertThat(CliTest.run("feeds", "--help").out()).contains("Usage: vigie feeds");
    }

    @Test
    void configCheckNamesAnUnknownFeedFormatWithItsLine() throws Exception {
        Path yaml = Files.writeString(dir.resolve("vigie.yaml"), """
                feeds:
                  connectors:
                    - name: sdis13
                      format: nope
                      url: https://example.org/feed.atom?key=s3cret
                """);
        TestCli.Run r = CliTest.run("config", "check", yaml.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(yaml + ":4: feeds.connectors[0].format: unknown feed format 'nope'");
        assertThat(r.err() + r.out()).doesNotContain("s3cret");
    }
}
