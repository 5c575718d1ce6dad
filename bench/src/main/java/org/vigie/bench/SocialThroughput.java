package org.vigie.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.vigie.core.geo.Cells;
import org.vigie.core.geo.Marseille;
import org.vigie.core.json.Json;
import org.vigie.feeds.social.AuthorSalts;
import org.vigie.feeds.social.AuthorToken;
import org.vigie.feeds.social.BurstDetector;
import org.vigie.feeds.social.BurstSettings;
import org.vigie.feeds.social.Gazetteer;
import org.vigie.feeds.social.PostSignal;
import org.vigie.feeds.social.StatusParser;
import org.vigie.feeds.social.TopicWords;

/**
 * Posts per second through the social pipeline on one thread, as ratios against reading the same statuses as JSON
 * trees alone (the floor any parser pays), measured in the same run; then heap per cell × topic held by the burst
 * detector. Statuses are Mastodon-shaped (account, mentions, links, a hashtag, a place name in 9 of 10), over 30
 * hours of post time. Run on one core:
 * <pre>  ./mvnw -q -o -pl bench -am package -DskipTests
 *  taskset -c 0 java --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xmx2g -cp bench/target/benchmarks.jar \
 *      org.vigie.bench.SocialThroughput</pre>
 */
public final class SocialThroughput {
    private static final String[] WORDS = {"soleil", "mistral", "bouchons", "travaux", "marché", "pizza", "concert",
        "métro", "plage", "café", "vélo", "chantier", "football", "pastis", "calanques", "terrasse", "glace", "orage",
        "ferry", "croisière", "touristes", "brocante", "festival", "jazz", "manif", "pétanque", "grève", "bus",
        "poissons", "cinéma", "libraire", "chaleur", "pluie", "embouteillage", "bateau", "expo", "musée", "rap"};
    private static final String[] PLACES = {"Vieux-Port", "Noailles", "Cours Julien", "la Plaine", "Castellane",
        "Joliette", "plage des Catalans", "Endoume", "la Timone", "Belsunce", "Prado plage", "Saint-Charles",
        "l'Estaque", "Mazargues", "Baille", "13003", "5e arrondissement", "quelque part"};

    private SocialThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<String> lines = statuses(n, new Random(42));
        long bytes = lines.stream().mapToLong(String::length).sum();
        System.out.printf(Locale.ROOT, "%,d statuses, %.0f bytes each on average, one thread%n", n, (double) bytes / n);
        double[] json = new double[5];
        double[] parse = new double[5];
        double[] detect = new double[5];
        for (int round = -2; round < 5; round++) { // two warm-up rounds
            long t0 = System.nanoTime();
            long sink = 0;
            for (String l : lines) {
                JsonNode node = Json.MAPPER.readTree(l);
                sink += node.size();
            }
            long t1 = System.nanoTime();
            var settings = BurstSettings.defaults();
            var parser = new StatusParser(Gazetteer.marseille(), TopicWords.shipped(), new AuthorSalts(settings.window()),
                    PostSignal.MAX_RESOLUTION, Marseille.approximateCity().bounds());
            for (String l : lines) {
                sink += parser.parse(l) instanceof StatusParser.Post ? 1 : 0;
            }
            long t2 = System.nanoTime();
            var detector = new BurstDetector(settings);
            var parser2 = new StatusParser(Gazetteer.marseille(), TopicWords.shipped(), new AuthorSalts(settings.window()),
                    PostSignal.MAX_RESOLUTION, Marseille.approximateCity().bounds());
            Instant closed = Instant.EPOCH;
            for (String l : lines) {
                if (parser2.parse(l) instanceof StatusParser.Post p) {
                    detector.observe(p.signal(), p.author());
                    if (p.signal().at().isAfter(closed.plus(settings.window()))) {
                        closed = p.signal().at();
                        sink += detector.advanceTo(closed.minus(settings.window())).size();
                    }
                }
            }
            sink += detector.flush().size();
            long t3 = System.nanoTime();
            if (round >= 0) {
                json[round] = n / ((t1 - t0) / 1e9);
                parse[round] = n / ((t2 - t1) / 1e9);
                detect[round] = n / ((t3 - t2) / 1e9);
            }
            if (sink == 42) {
                System.out.println();
            }
        }
        double j = median(json);
        double p = median(parse);
        double d = median(detect);
        System.out.printf(Locale.ROOT, "JSON tree alone (baseline):   %,10.0f posts/s  1.00%n", j);
        System.out.printf(Locale.ROOT, "parse to PostSignal:          %,10.0f posts/s  %.2f of baseline%n", p, p / j);
        System.out.printf(Locale.ROOT, "parse + burst detection:      %,10.0f posts/s  %.2f of baseline%n", d, d / j);
        memory();
    }

    /** Heap per cell × topic: counted in an open window (with up to k author tokens), then held as a baseline. */
    private static void memory() {
        var settings = BurstSettings.defaults().withMinHistory(Duration.ZERO);
        int series = 195_100;
        var salts = new AuthorSalts(settings.window(), new Random(1));
        Instant t = Instant.parse("2025-06-05T18:00:00Z");
        // 1,951 distinct resolution-8 cells around the Vieux-Port (a disk of 25 rings), 100 topics each
        long[] cells = Cells.disk(Cells.cell(43.2951, 5.3740, 8), 25).stream().mapToLong(Long::longValue).toArray();
        var terms = new ArrayList<String>();
        for (int i = 0; i < series / cells.length; i++) {
            terms.add(TopicWords.fold("topic" + i));
        }
        AuthorToken[] authors = new AuthorToken[settings.minAuthors()];
        for (int a = 0; a < authors.length; a++) {
            authors[a] = salts.token("acct:" + a, t);
        }
        long before = usedAfterGc();
        var detector = new BurstDetector(settings);
        for (long cell : cells) {
            for (int a = 0; a < authors.length; a++) { // k distinct authors each: the largest open-window state
                for (int from = 0; from < terms.size(); from += 25) {
                    detector.observe(new PostSignal(t, cell, PostSignal.Placement.GEOTAG,
                            terms.subList(from, Math.min(terms.size(), from + 25))), authors[a]);
                }
            }
        }
        long open = usedAfterGc();
        detector.advanceTo(t.plus(settings.window()));
        long held = usedAfterGc();
        int count = detector.stats().series();
        System.out.printf(Locale.ROOT, "%,d cell × topic series: %,d bytes each while counted in an open window "
                + "(k = %d tokens), %,d bytes each held as a trailing baseline%n", count, (open - before) / count,
                settings.minAuthors(), (held - before) / count);
        if (detector.stats().observed() < 0) {
            System.out.println();
        }
    }

    private static List<String> statuses(int n, Random r) {
        var lines = new ArrayList<String>(n);
        Instant start = Instant.parse("2025-06-04T12:00:00Z");
        long span = Duration.ofHours(30).toSeconds();
        for (int i = 0; i < n; i++) {
            Instant at = start.plusSeconds(span * i / n);
            String user = "user" + r.nextInt(5000);
            ObjectNode s = Json.MAPPER.createObjectNode();
            s.put("id", Long.toString(r.nextLong() & Long.MAX_VALUE));
            s.put("created_at", at.toString());
            s.put("visibility", "public");
            s.put("language", "fr");
            s.put("uri", "https://m.example/users/" + user + "/statuses/" + i);
            s.put("url", "https://m.example/@" + user + "/" + i);
            s.put("content", "<p><span class=\"h-card\"><a href=\"https://m.example/@ami\" class=\"u-url mention\">@"
                    + "<span>ami</span></a></span> " + WORDS[r.nextInt(WORDS.length)] + " et "
                    + WORDS[r.nextInt(WORDS.length)] + " ce soir vers " + PLACES[r.nextInt(PLACES.length)]
                    + " <a href=\"https://m.example/tags/Marseille\" class=\"mention hashtag\" rel=\"tag\">#<span>"
                    + "Marseille</span></a> <a href=\"https://example.org/a\"><span>example.org/a</span></a></p>");
            s.put("spoiler_text", "");
            s.putNull("reblog");
            ObjectNode a = s.putObject("account");
            a.put("id", Integer.toString(user.hashCode()));
            a.put("username", user);
            a.put("acct", user + "@m.example");
            a.put("display_name", "Someone " + user);
            a.put("url", "https://m.example/@" + user);
            a.put("avatar", "https://m.example/a/" + user + ".png");
            a.put("note", "<p>Marseillais</p>");
            a.put("followers_count", r.nextInt(1000));
            s.putArray("mentions").addObject().put("id", "1").put("username", "ami").put("acct", "ami@m.example");
            s.putArray("tags").addObject().put("name", "Marseille");
            s.putArray("emojis");
            s.putArray("media_attachments");
            lines.add(s.toString());
        }
        return lines;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static long usedAfterGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
