package org.vigie.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.vigie.app.config.VigieConfig;
import org.vigie.core.json.Json;

/**
 * The privacy line, end to end: statuses whose accounts, handles, display names, mentions, ids and links are all
 * distinctive go through the whole pipeline — the server's social feed and the {@code vigie ingest social} command
 * — into a real store; then every byte Vigie wrote (database files, evidence, quarantine, logs, the command's
 * output) is searched for them, and none is found. A gathering-risk event must have been stored, so the test
 * cannot pass by storing nothing.
 */
class CrowdPrivacyTest {
    /** Things that name or point at a person. None may be stored, logged or printed. */
    static final List<String> SECRETS = List.of("Zorglubovitch", "marcelline_qp", "Quatrepoches", "organisatrice_secrete",
            "evil-instance.example", "tracker-zorglub.example", "99887766554433", "112233445566778899",
            "lanceur.alerte@mail.example", "avatar-zorglub.png", "+33612345678");

    @TempDir
    Path dir;

    static String status(Random r, Instant at, int author, String html) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        String user = "marcelline_qp" + author;
        s.put("id", "112233445566778899" + author);
        s.put("created_at", at.toString());
        s.put("visibility", "public");
        s.put("uri", "https://evil-instance.example/users/" + user + "/statuses/112233445566778899");
        s.put("url", "https://evil-instance.example/@" + user + "/112233445566778899");
        s.put("content", html);
        s.putNull("reblog");
        ObjectNode a = s.putObject("account");
        a.put("id", "99887766554433" + author);
        a.put("username", user);
        a.put("acct", user + "@evil-instance.example");
        a.put("display_name", "Marcelline Quatrepoches Zorglubovitch " + author);
        a.put("url", "https://evil-instance.example/@" + user);
        a.put("avatar", "https://evil-instance.example/avatar-zorglub.png");
        a.put("note", "<p>appelez-moi au +33612345678</p>");
        ObjectNode m = s.putArray("mentions").addObject();
        m.put("id", "99887766554433");
        m.put("username", "organisatrice_secrete");
        m.put("acct", "organisatrice_secrete@evil-instance.example");
        m.put("url", "https://evil-instance.example/@organisatrice_secrete");
        s.putArray("media_attachments").addObject().put("url", "https://evil-instance.example/avatar-zorglub.png");
        return s.toString();
    }

    static String mentionsAndLinks() {
        return "<span class=\"h-card\"><a href=\"https://evil-instance.example/@organisatrice_secrete\" class=\"u-url "
                + "mention\">@<span>organisatrice_secrete</span></a></span> "
                + "<a href=\"https://tracker-zorglub.example/x\"><span>tracker-zorglub.example/x</span></a> "
                + "écrivez à lanceur.alerte@mail.example ou +33612345678, Zorglubovitch et Quatrepoches y seront ";
    }

    /** A day and more of chatter, a giant apéro at the Vieux-Port in the last hour, and a few bad lines. */
    static String document(Instant now) {
        var r = new Random(6);
        String[] words = {"soleil", "mistral", "bouchons", "travaux", "marché", "pizza", "concert", "métro", "plage",
            "café", "vélo", "chantier", "football", "pastis", "calanques", "terrasse", "glace", "orage", "ferry"};
        String[] places = {"Noailles", "Cours Julien", "la Plaine", "Castellane", "Joliette", "Endoume", "Belsunce",
            "Vieux-Port", "la Timone", "Mazargues"};
        long window = 900;
        Instant burst = Instant.ofEpochSecond((now.getEpochSecond() / window - 4) * window);
        var lines = new ArrayList<String>();
        for (Instant t = burst.minus(Duration.ofHours(27)); t.isBefore(burst.plus(Duration.ofHours(1))); t = t.plusSeconds(window)) {
            for (int i = 0; i < 8; i++) {
                String html = "<p>" + mentionsAndLinks() + words[r.nextInt(words.length)] + " "
                        + words[r.nextInt(words.length)] + " vers " + places[r.nextInt(places.length)] + "</p>";
                lines.add(status(r, t.plusSeconds(r.nextInt(900)), r.nextInt(200), html));
            }
        }
        for (int i = 0; i < 25; i++) {
            lines.add(status(r, burst.plusSeconds(r.nextInt(900)), 1000 + i, "<p>" + mentionsAndLinks()
                    + "<a href=\"https://evil-instance.example/tags/ApéroGéant\" class=\"mention hashtag\">#<span>ApéroGéant"
                    + "</span></a> ce soir au Vieux-Port !</p>"));
        }
        // Bad lines, which the quarantine must keep without their text.
        lines.add("{\"account\":{\"acct\":\"marcelline_qp@evil-instance.example\"},\"created_at\":\"Zorglubovitch\"}");
        lines.add("{\"content\": \"Quatrepoches " + "organisatrice_secrete");
        lines.add(status(r, burst, 7, "<p>privé</p>").replace("\"public\"", "\"direct\""));
        return String.join("\n", lines) + "\n";
    }

    @Test
    void noStoredLoggedOrPrintedByteNamesAnAuthor() throws Exception {
        var logs = new ByteArrayOutputStream();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = captureLogs(logs);
        Path data = dir.resolve("data");
        var config = VigieConfig.embedded(data, 0).withServer(new VigieConfig.Server("127.0.0.1", 0));
        Path file = dir.resolve("posts.jsonl");
        Instant now = Instant.now();
        Files.writeString(file, document(now));
        var printed = new StringBuilder();
        try (Platform platform = Platform.start(TestAccess.withTestKeys(config), Clock.systemUTC())) {
            var http = new TestHttp(platform.url());
            TestHttp.Response r = http.post("/api/v1/feeds/social?source=privacy-test", Files.readString(file),
                    "application/x-ndjson");
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            JsonNode answer = r.json();
            assertThat(answer.path("rejected").asInt()).isEqualTo(2);
            assertThat(answer.path("accepted").asInt()).as(r.body()).isGreaterThanOrEqualTo(1);
            String id = answer.path("ids").get(0).asText();
            JsonNode event = http.get("/api/v1/events/" + id).json();
            assertThat(event.path("type").asText()).isEqualTo("gathering_risk");
            assertThat(event.path("attributes").path("top_terms").asText()).contains("apero");

            TestCli.Run cli = CliTest.run("ingest", "social", file.toString(), "--server", platform.url(),
                    "--source", "privacy-cli");
            printed.append(cli.out()).append(cli.err());
            assertThat(cli.exit()).as(cli.err()).isEqualTo(2);
            assertThat(cli.out()).contains("signals kept", "bursts found", "gathering_risk events sent: 1 accepted");

            http.get("/api/v1/quarantine");
            http.get("/api/v1/incidents");
        } finally {
            appender.stop();
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        }
        var stored = new ArrayList<Path>();
        try (Stream<Path> files = Files.walk(data)) {
            files.filter(Files::isRegularFile).forEach(stored::add);
        }
        assertThat(stored).as("the store wrote its database").isNotEmpty();
        for (Path p : stored) {
            assertNoSecret(p.toString(), Files.readAllBytes(p));
        }
        assertNoSecret("captured logs", logs.toByteArray());
        assertNoSecret("the command's output", printed.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void assertNoSecret(String where, byte[] bytes) {
        // Latin-1 maps every byte to one char, so ASCII secrets are found whatever the file's encoding of the rest;
        // UTF-16 copies (some databases keep text so) are checked too.
        String latin = new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        String utf16 = new String(bytes, StandardCharsets.UTF_16LE).toLowerCase(Locale.ROOT);
        for (String secret : SECRETS) {
            String s = secret.toLowerCase(Locale.ROOT);
            assertThat(latin.contains(s) || utf16.contains(s)).as(where + " holds '" + secret + "'").isFalse();
        }
    }

    static OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> captureLogs(ByteArrayOutputStream out) {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d %level %logger %msg %ex%n");
        encoder.start();
        var appender = new OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return appender;
    }
}
