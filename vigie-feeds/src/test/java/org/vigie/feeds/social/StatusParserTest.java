package org.vigie.feeds.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.Marseille;
import org.vigie.feeds.FeedContext;

class StatusParserTest {
    static final Instant T = Instant.parse("2025-06-05T18:03:00Z");
    final StatusParser parser = new StatusParser(Gazetteer.marseille(), TopicWords.shipped(),
            new AuthorSalts(BurstSettings.defaults().window(), new Random(1)), 8, Marseille.approximateCity().bounds());

    static List<String> words(String html) {
        var w = new ArrayList<String>();
        PostText.words(html, w);
        return w;
    }

    @Test
    void mentionsLinksAndAddressesAreDroppedWholeAndHashtagsSplit() {
        String html = "<p><span class=\"h-card\"><a href=\"https://m.example/@zorglub\" class=\"u-url mention\">@"
                + "<span>zorglub</span></a></span> L&#39;apéro géant c&apos;est &amp; ce soir ! "
                + "<a href=\"https://www.example.org/page\" rel=\"nofollow\"><span class=\"invisible\">https://www."
                + "</span><span>example.org/page</span></a> écrivez à qui@example.com ou voyez bit.ly/x "
                + "<a href=\"https://m.example/tags/FeteDeLaMusique\" class=\"mention hashtag\">#<span>FeteDeLaMusique"
                + "</span></a> #JO_Marseille2024</p>";
        assertThat(words(html)).containsExactly("l", "apero", "geant", "c", "est", "ce", "soir", "ecrivez", "a",
                "ou", "voyez", "fete", "de", "la", "musique", "jo", "marseille", "2024")
                .doesNotContain("zorglub", "qui", "example", "www", "org", "com", "bit", "ly");
    }

    @Test
    void hashtagsSplitAtCaseDigitsAndUnderscores() {
        assertThat(TopicWords.splitHashtag("ApéroGéant")).containsExactly("apero", "geant");
        assertThat(TopicWords.splitHashtag("HTMLParser")).containsExactly("html", "parser");
        assertThat(TopicWords.splitHashtag("om_psg2025")).containsExactly("om", "psg", "2025");
        assertThat(TopicWords.splitHashtag("aperogeant")).containsExactly("aperogeant");
        assertThat(TopicWords.fold("Cœur de l’Été")).isEqualTo("coeur de l'ete");
    }

    @Test
    void aPlaceNamedInTheTextPlacesThePostAndIsNoTopic() {
        String s = SyntheticStatuses.status("9", T, "zorglub", "m.example",
                "<p>Apéro géant ce soir au #VieuxPort, zorglub invite tout le monde</p>");
        var post = (StatusParser.Post) parser.parse(s);
        assertThat(post.signal().cell()).isEqualTo(Cells.cell(43.2951, 5.3740, 8));
        assertThat(post.signal().placement()).isEqualTo(PostSignal.Placement.PLACE_NAME);
        // "zorglub" is the author's own name: never a topic, even when the text uses it
        assertThat(post.signal().terms()).containsExactly("apero", "geant", "soir", "invite", "monde");
        assertThat(post.signal().at()).isEqualTo(T);
    }

    @Test
    void arrondissementsByOrdinalOrPostalCode() {
        var a = (StatusParser.Post) parser.parse(SyntheticStatuses.status("1", T, "u", "m.example",
                "<p>brocante dans le 2ème arrondissement</p>"));
        var b = (StatusParser.Post) parser.parse(SyntheticStatuses.status("2", T, "u", "m.example",
                "<p>brocante 13002</p>"));
        assertThat(a.signal().cell()).isEqualTo(b.signal().cell()).isEqualTo(Cells.cell(43.3100, 5.3680, 8));
    }

    @Test
    void aGeotagKeepsOnlyItsCoarseCell() {
        String s = SyntheticStatuses.status("3", T, "u", "m.example", "<p>marché bondé</p>")
                .replace("\"mentions\"", "\"geo\":{\"type\":\"Point\",\"coordinates\":[5.381234,43.295678]},\"mentions\"");
        var post = (StatusParser.Post) parser.parse(s);
        assertThat(post.signal().cell()).isEqualTo(Cells.cell(43.295678, 5.381234, 8));
        assertThat(post.signal().placement()).isEqualTo(PostSignal.Placement.GEOTAG);
        String paris = s.replace("5.381234,43.295678", "2.35,48.85");
        assertThat(parser.parse(paris)).isEqualTo(new StatusParser.Skipped(StatusParser.Reason.OUTSIDE_CITY));
    }

    @Test
    void privateStatusesBoostsAndUnplacedPostsGiveNoSignal() {
        String base = SyntheticStatuses.status("4", T, "u", "m.example", "<p>apéro au Vieux-Port</p>");
        assertThat(parser.parse(base.replace("\"public\"", "\"direct\"")))
                .isEqualTo(new StatusParser.Skipped(StatusParser.Reason.NOT_PUBLIC));
        assertThat(parser.parse(base.replace("\"reblog\":null", "\"reblog\":{\"id\":\"1\"}")))
                .isEqualTo(new StatusParser.Skipped(StatusParser.Reason.REBLOG));
        assertThat(parser.parse(base.replace("au Vieux-Port", "quelque part")))
                .isEqualTo(new StatusParser.Skipped(StatusParser.Reason.UNPLACED));
    }

    @Test
    void rejectionsNameTheFieldAndNeverQuoteTheStatus() {
        String secret = "zorglub_the_distinctive";
        var bad = (StatusParser.Rejected) parser.parse("{\"account\":{\"acct\":\"" + secret + "\"},\"created_at\":\"" + secret + "\"}");
        assertThat(bad.reason()).startsWith("created_at").doesNotContain(secret);
        var noJson = (StatusParser.Rejected) parser.parse("{\"acct\": " + secret);
        assertThat(noJson.reason()).startsWith("not JSON").doesNotContain(secret);
        var noAccount = (StatusParser.Rejected) parser.parse("{\"created_at\":\"2025-06-05T18:03:00Z\"}");
        assertThat(noAccount.reason()).startsWith("account");
    }

    @Test
    void saltsRotateWithTheWindowAndOldOnesAreForgotten() {
        var salts = new AuthorSalts(BurstSettings.defaults().window(), new Random(5));
        AuthorToken a1 = salts.token("acct:alice", T);
        assertThat(salts.token("acct:alice", T.plusSeconds(60))).isEqualTo(a1);
        assertThat(salts.token("acct:bob", T)).isNotEqualTo(a1);
        assertThat(salts.token("acct:alice", T.plusSeconds(900)).value()).isNotEqualTo(a1.value());
        // newest first, as the REST API lists statuses: every window keeps its own salt until it is closed
        for (int i = 9; i >= 2; i--) {
            salts.token("acct:alice", T.plusSeconds(900L * i));
        }
        assertThat(salts.token("acct:alice", T.plusSeconds(1800)))
                .isEqualTo(salts.token("acct:alice", T.plusSeconds(1801)));
        assertThat(salts.held()).isEqualTo(10);
        salts.forgetBefore(T.plusSeconds(900L * 5));
        assertThat(salts.held()).isEqualTo(5);
        // a closed window's salt is never made again: two posts there get unrelated tokens
        assertThat(salts.token("acct:alice", T)).isNotEqualTo(salts.token("acct:alice", T));
        assertThat(salts.held()).isEqualTo(5);
        assertThat(a1.toString()).doesNotContain(Long.toString(a1.value()));
    }

    /** Seeded fuzzing (10,000 cases): mutated and random statuses never throw, whatever the bytes. */
    @Test
    void randomStatusesNeverCrashTheParser() {
        var r = new Random(20250605);
        var format = new SocialFormat(parser, new BurstDetector(BurstSettings.defaults()), java.time.Duration.ZERO);
        String[] fragments = {"{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999", "-0", "\"created_at\"",
            "\"2025-06-05T18:03:00Z\"", "\"account\"", "\"content\"", "\"<a href=x class=hashtag>#<span>A\"",
            "\"geo\"", "{\"coordinates\":[5.38,43.29]}", "\"tags\"", "[{\"name\":\"ApéroGéant\"}]", "\"mentions\"",
            "\"visibility\"", "\"public\"", "\"reblog\"", "\\u0000", "\\ud800", "&#x110000;", "&#99999999;", "<", ">",
            "é", "😀", "\n", "Vieux-Port", "13002"};
        for (int i = 0; i < 10_000; i++) {
            String line;
            switch (i % 3) {
                case 0 -> { // a valid status with random characters changed
                    var sb = new StringBuilder(SyntheticStatuses.chatter(r, T, 50));
                    for (int m = r.nextInt(6); m >= 0; m--) {
                        int at = r.nextInt(sb.length());
                        sb.setCharAt(at, (char) r.nextInt(0x3000));
                    }
                    line = r.nextBoolean() ? sb.toString() : sb.substring(0, r.nextInt(sb.length()));
                }
                case 1 -> { // random fragments of statuses
                    var sb = new StringBuilder();
                    for (int m = r.nextInt(40); m >= 0; m--) {
                        sb.append(fragments[r.nextInt(fragments.length)]);
                    }
                    line = sb.toString();
                }
                default -> { // well-formed JSON with every field of a random type
                    String[] values = {"null", "3", "\"x\"", "[]", "{}", "[1,2]", "{\"coordinates\":\"no\"}",
                        "\"2025-13-45T99:00:00Z\"", "\"<p>#" + "A".repeat(r.nextInt(200)) + "</p>\""};
                    String[] fields = {"created_at", "account", "content", "tags", "mentions", "geo", "location",
                        "visibility", "reblog", "spoiler_text"};
                    var sb = new StringBuilder("{");
                    for (String f : fields) {
                        if (r.nextInt(4) > 0) {
                            sb.append(sb.length() > 1 ? "," : "").append('"').append(f).append("\":")
                                    .append(f.equals("created_at") && r.nextBoolean() ? "\"2025-06-05T18:03:00Z\""
                                            : f.equals("account") && r.nextBoolean() ? "{\"acct\":\"a\"}"
                                            : values[r.nextInt(values.length)]);
                        }
                    }
                    line = sb.append('}').toString();
                }
            }
            assertThat(parser.parse(line)).isNotNull();
            if (i % 10 == 0) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                if (r.nextBoolean() && bytes.length > 0) {
                    bytes[r.nextInt(bytes.length)] = (byte) r.nextInt(256);
                }
                var batch = format.parse(bytes, new FeedContext("fuzz", T.plusSeconds(i)));
                batch.rejected().forEach(rej -> assertThat(rej.raw()).isEmpty());
            }
        }
    }
}
