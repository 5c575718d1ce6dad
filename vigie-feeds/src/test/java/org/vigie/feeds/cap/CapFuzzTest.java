package org.vigie.feeds.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;

/**
 * Whatever the bytes, the CAP reader returns a batch or throws {@link FeedParseException}, and never anything
 * else: 10,000 seeded cases of random bytes and of real documents damaged by byte flips, truncation, duplicated
 * and removed elements, hostile fragments and nonsense values. A failure names the case and the mutation, and
 * the seed makes it repeat.
 */
class CapFuzzTest {
    static final long SEED = 0x5EED_CA9L;
    static final int CASES = 10_000;
    static final Pattern START_TAG = Pattern.compile("<([A-Za-z][\\w:.-]*)[^<>]*>");
    static final List<String> FRAGMENTS = List.of("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">", "</alert>",
            "<info>", "</info>", "<area>", "<polygon>", "</polygon>", "<circle>1,2 3</circle>", "&amp;", "&lt;", "&#0;",
            "&#xD800;", "&undefined;", "<![CDATA[", "]]>", "<!DOCTYPE x [<!ENTITY e \"e\">]>", "<?pi x?>", "<!--", "-->",
            "\u0000", "\uFFFE", "\uD83D\uDD25", "é", "\r\n", "<entry>", "<content type=\"text\">&lt;alert", "xmlns:a=\"\"",
            "<a:b>", "<geocode><valueName>INSEE</valueName><value>13201</value></geocode>",
            "<sent>9999-99-99T99:99:99+99:99</sent>", "<msgType>Update</msgType>", "<status>Actual</status>");
    static final List<String> VALUES = List.of("", " ", "NaN", "Infinity", "-0", "1e309", "90.0000001,180 1",
            "43.3,5.4 43.3,5.4 43.3,5.4 43.3,5.4", "43.3,5.4 -1", "Extreme", "Unknown", "2026-07-14T21:30:00+02:00",
            "2026-07-14T21:30:00", "13201 13202 99999", "x".repeat(5000), "0,0 0,0", ",,,", "-90,-180 90,180 -90,-180",
            String.join(" ", java.util.Collections.nCopies(2000, "43.3,5.4 43.31,5.41")));

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a guard against a hang, not a measure of speed
    void anyInputGivesABatchOrAParseException() throws IOException {
        var format = new CapFormat(Marseille.approximateCity());
        var context = new FeedContext("fuzz", Instant.parse("2026-07-14T20:00:00Z"));
        List<String> seeds = seeds();
        var random = new Random(SEED);
        int batches = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            var how = new StringBuilder();
            byte[] input = mutate(seed, random, how);
            try {
                CapFormat.Reading reading = format.read(input, context);
                checkBatch(reading, i, how);
                batches++;
            } catch (FeedParseException e) {
                assertThat(e.getMessage()).as("case %d (%s): a refusal says why", i, how).isNotBlank();
                refused++;
            } catch (Throwable t) {
                fail("case " + i + " (" + how + ") threw " + t + " for input starting "
                        + new String(input, 0, Math.min(300, input.length), StandardCharsets.ISO_8859_1), t);
            }
        }
        // Both outcomes are exercised, so the mutations neither always break nor never break the documents.
        assertThat(batches).isGreaterThan(CASES / 10);
        assertThat(refused).isGreaterThan(CASES / 10);
    }

    private static void checkBatch(CapFormat.Reading reading, int i, StringBuilder how) {
        var batch = reading.batch();
        assertThat(batch.records()).as("case %d (%s)", i, how).isNotNegative();
        var ids = new HashSet<Object>();
        for (Event e : batch.events()) {
            assertThat(ids.add(e.id())).as("case %d (%s): unique ids", i, how).isTrue();
        }
        for (RejectedRecord r : batch.rejected()) {
            assertThat(r.ref()).as("case %d (%s)", i, how).isNotBlank();
            assertThat(r.reason()).as("case %d (%s)", i, how).isNotBlank();
        }
    }

    /** Real documents (read as ISO-8859-1 so every byte maps to one char and back) plus a valid alert in the city. */
    private static List<String> seeds() throws IOException {
        var seeds = new ArrayList<String>();
        try (Stream<Path> files = Files.list(CapFixturesTest.DIR)) {
            for (Path f : files.sorted().toList()) {
                seeds.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        String local = CapFormatTest.alert("Z-1", "2026-07-14T21:30:00+02:00", "Alert", "Fire", "Feu", "",
                CapFormatTest.CIRCLE_VIEUX_PORT + "<area><areaDesc>1er</areaDesc><polygon>43.29,5.37 43.30,5.37 43.30,5.38 "
                        + "43.29,5.37</polygon><geocode><valueName>INSEE</valueName><value>13201</value></geocode></area>");
        seeds.add(new String(local.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        seeds.add(new String(local.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)); // weigh it twice
        return seeds;
    }

    static byte[] mutate(String seed, Random random, StringBuilder how) {
        String s = seed;
        int rounds = random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1;
        for (int round = 0; round < rounds; round++) {
            int kind = random.nextInt(8);
            how.append(how.isEmpty() ? "" : "+");
            s = switch (kind) {
                case 0 -> {
                    how.append("random bytes");
                    byte[] b = new byte[random.nextInt(3000)];
                    random.nextBytes(b);
                    String prefix = random.nextBoolean() ? "" : "<?xml version=\"1.0\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">";
                    yield prefix + new String(b, StandardCharsets.ISO_8859_1);
                }
                case 1 -> {
                    how.append("byte flips");
                    char[] c = s.toCharArray();
                    int flips = 1 + random.nextInt(20);
                    for (int k = 0; k < flips && c.length > 0; k++) {
                        c[random.nextInt(c.length)] = (char) random.nextInt(256);
                    }
                    yield new String(c);
                }
                case 2 -> {
                    how.append("truncation");
                    yield s.substring(0, s.isEmpty() ? 0 : random.nextInt(s.length()));
                }
                case 3 -> {
                    how.append("duplicated element");
                    int[] span = elementSpan(s, random);
                    yield span == null ? s : s.substring(0, span[1]) + s.substring(span[0], span[1]) + s.substring(span[1]);
                }
                case 4 -> {
                    how.append("removed element");
                    int[] span = elementSpan(s, random);
                    yield span == null ? s : s.substring(0, span[0]) + s.substring(span[1]);
                }
                case 5 -> {
                    how.append("inserted fragment");
                    int at = s.isEmpty() ? 0 : random.nextInt(s.length());
                    yield s.substring(0, at) + FRAGMENTS.get(random.nextInt(FRAGMENTS.size())) + s.substring(at);
                }
                case 6 -> {
                    how.append("nonsense value");
                    int[] span = elementSpan(s, random);
                    if (span == null) {
                        yield s;
                    }
                    String element = s.substring(span[0], span[1]);
                    int open = element.indexOf('>') + 1;
                    int close = element.lastIndexOf("</");
                    if (open <= 0 || close < open) {
                        yield s;
                    }
                    String value = VALUES.get(random.nextInt(VALUES.size()));
                    yield s.substring(0, span[0] + open) + value + s.substring(span[0] + close);
                }
                default -> {
                    how.append("swapped elements");
                    int[] a = elementSpan(s, random);
                    int[] b = elementSpan(s, random);
                    if (a == null || b == null || a[1] > b[0]) {
                        yield s;
                    }
                    yield s.substring(0, a[0]) + s.substring(b[0], b[1]) + s.substring(a[1], b[0])
                            + s.substring(a[0], a[1]) + s.substring(b[1]);
                }
            };
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A random element's [start, end) in the text, from its start tag to its matching end tag, or null. */
    private static int[] elementSpan(String s, Random random) {
        List<int[]> starts = new ArrayList<>();
        Matcher m = START_TAG.matcher(s);
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
        }
        if (starts.isEmpty()) {
            return null;
        }
        int[] start = starts.get(random.nextInt(starts.size()));
        Matcher name = START_TAG.matcher(s.substring(start[0], start[1]));
        if (!name.matches()) {
            return null;
        }
        if (s.charAt(start[1] - 2) == '/') {
            return new int[] {start[0], start[1]};
        }
        int end = s.indexOf("</" + name.group(1) + ">", start[1]);
        return end < 0 ? null : new int[] {start[0], end + name.group(1).length() + 3};
    }
}
