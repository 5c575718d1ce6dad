package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.config.ConfigException;
import org.vigie.core.geo.BoundingBox;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;
import org.vigie.feeds.RejectedRecord;

/**
 * Random and mutated CSV and JSON Lines documents, and mutated mapping files, from a fixed seed: a document only
 * ever gives a batch (in which every record is accounted for) or a {@link FeedParseException}; a mapping only
 * ever loads or fails with a {@link ConfigException}.
 */
class TabularFuzzTest {
    private static final long SEED = 20261129L;
    private static final FeedContext CONTEXT = new FeedContext("fuzz", Instant.parse("2026-11-29T06:00:00Z"));
    private static final BoundingBox MARSEILLE = ExampleMappingsTest.MARSEILLE;
    private static final String[] TOKENS = {",", ";", "\"", "\"\"", "\n", "\r\n", "\r", "\t", " ", "\u0000", "\uFEFF", "é",
        "{", "}", "[", "]", ":", "null", "0", "-77", "43.3", "5,4", "1e309", "NaN", "\\", "\\u0000", "'", "\u2028", "\uD83D\uDE00",
        "31/02/2026", "2026-11-28T10:00:00Z", "reject", "APHM-TIMONE", "x".repeat(300)};

    private record Seed(TabularFormat format, byte[] document) {
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = TabularFuzzTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    private static String mappingText(String name) throws IOException {
        try (InputStream in = TabularMappings.class.getResourceAsStream("mappings/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Seed> seeds() throws IOException {
        byte[] baltimore = Arrays.copyOf(Files.readAllBytes(Baltimore311Test.SAMPLE), 3_000);
        return List.of(
                new Seed(new TabularFormat(TabularMappings.getShipped("baltimore311"), null), baltimore),
                new Seed(new TabularFormat(TabularMappings.getShipped("fr-police-l93"), MARSEILLE), resource("police-l93.csv")),
                new Seed(new TabularFormat(TabularMappings.getShipped("fire-interventions"), MARSEILLE), resource("fire-interventions.csv")),
                new Seed(new TabularFormat(TabularMappings.getShipped("hospital-ed-load"), MARSEILLE), resource("hospital-ed-load.jsonl")));
    }

    /** Only a batch that accounts for every record (true), or a FeedParseException (false). */
    private static boolean parseOnly(TabularFormat format, byte[] doc, String what) {
        FeedBatch b;
        try {
            b = format.parse(doc, CONTEXT);
        } catch (FeedParseException e) {
            assertThat(e.getMessage()).as(what).isNotBlank();
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + format.name() + " threw " + e + " on:\n" + new String(doc, StandardCharsets.ISO_8859_1), e);
        }
        assertThat(b.events().size() + b.rejected().size()).as(what).isLessThanOrEqualTo(b.records());
        if (!format.mapping().hasEmitRule()) {
            assertThat(b.events().size() + b.rejected().size()).as(what).isEqualTo(b.records());
        }
        for (RejectedRecord r : b.rejected()) {
            assertThat(r.ref()).as(what).matches("line \\d+");
            assertThat(r.reason()).as(what).isNotBlank();
        }
        for (Event e : b.events()) {
            assertThat(e.source().id()).isEqualTo("fuzz");
            assertThat(e.occurredAt()).isBeforeOrEqualTo(CONTEXT.receivedAt().plusSeconds(300));
        }
        return true;
    }

    private static byte[] mutate(byte[] doc, Random random) {
        var out = new StringBuilder(new String(doc, StandardCharsets.ISO_8859_1));
        int edits = 1 + random.nextInt(8);
        for (int i = 0; i < edits && !out.isEmpty(); i++) {
            int at = random.nextInt(out.length());
            switch (random.nextInt(6)) {
                case 0 -> out.deleteCharAt(at);
                case 1 -> out.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> out.setCharAt(at, (char) random.nextInt(256));
                case 3 -> out.setLength(at); // truncated
                case 4 -> {
                    int to = Math.min(out.length(), at + random.nextInt(200));
                    out.insert(random.nextInt(out.length()), out.substring(at, to)); // a duplicated stretch
                }
                default -> out.replace(at, Math.min(out.length(), at + 1 + random.nextInt(20)), TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        byte[] latin = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        // Half of the time the text goes back as UTF-8, so that encoders see both valid and invalid sequences.
        return random.nextBoolean() ? latin : out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomDocument(Random random, boolean json) {
        var out = new StringBuilder();
        int n = random.nextInt(60);
        for (int i = 0; i < n; i++) {
            if (json && random.nextInt(4) == 0) {
                out.append("{\"etablissement\":\"APHM-TIMONE\",\"heure\":").append(random.nextBoolean() ? "\"2026-11-28T10:00:00Z\"" : random.nextInt())
                        .append(",\"en_attente\":").append(TOKENS[random.nextInt(TOKENS.length)]).append("}\n");
            } else {
                out.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mutatedAndRandomDocumentsGiveABatchOrAFeedParseException() throws IOException {
        var random = new Random(SEED);
        List<Seed> seeds = seeds();
        int batches = 0;
        for (int i = 0; i < 10_000; i++) {
            Seed s = seeds.get(random.nextInt(seeds.size()));
            byte[] doc = random.nextInt(5) == 0 ? randomDocument(random, s.format().mapping().layout() == TabularMapping.Layout.JSONL)
                    : mutate(s.document(), random);
            if (random.nextInt(10) == 0) {
                // A random document under a valid header, so that rows, not the header, take the damage.
                String header = new String(s.document(), s.format().mapping().encoding()).lines().findFirst().orElse("");
                doc = (header + "\n" + new String(doc, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            }
            batches += parseOnly(s.format(), doc, "case " + i + " (seed " + SEED + ")") ? 1 : 0;
        }
        // Both outcomes are exercised: damaged rows in readable documents, and unreadable documents.
        assertThat(batches).isBetween(2_000, 6_500);
    }

    @Test
    void mutatedMappingsLoadOrFailWithAConfigException() throws IOException {
        var random = new Random(SEED + 1);
        List<String> names = TabularMappings.SHIPPED;
        List<Seed> seeds = seeds();
        int loaded = 0;
        for (int i = 0; i < 3_000; i++) {
            int which = random.nextInt(names.size());
            String text = mappingText(names.get(which));
            String mutated = mutateYaml(text, random);
            TabularMapping m;
            try {
                m = TabularMappings.parse("fuzz.yaml", mutated, "fuzz");
            } catch (ConfigException e) {
                assertThat(e.problems()).as("case %d", i).isNotEmpty()
                        .allSatisfy(p -> assertThat(p).startsWith("fuzz.yaml"));
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + ": loading threw " + e + " on:\n" + mutated, e);
            }
            loaded++;
            // A mapping that loads reads documents: its own seed document, damaged or not.
            byte[] doc = seeds.get(which).document();
            parseOnly(new TabularFormat(m, MARSEILLE), random.nextBoolean() ? doc : mutate(doc, random), "mapping case " + i);
        }
        // Some mutations (inside comments, in table entries) leave a valid mapping, which must then parse.
        assertThat(loaded).isGreaterThan(100);
    }

    private static String mutateYaml(String text, Random random) {
        List<String> lines = new java.util.ArrayList<>(text.lines().toList());
        int edits = 1 + random.nextInt(3);
        String[] inserts = {"  colour: blue", "x: [", "type: weapon", "confidence: 0", "confidence: -1", "  delimiter: \"\"",
            "  quote: \"\\n\"", "  crs: EPSG:27572", "  crs: EPSG:3857", "  bounds: [1, 2, 3]", "  formats: [\"HH:mm\"]",
            "  zone: +02:00", "  \"\": reject", "  id: []", "  - column: x", "emit-when: {}", "attributes: [a, b]",
            "  a: {name: b, as: integer, suppress-below: -3}", "  skip-lines: 100000", "&a [*a, *a]", "  sites: {}",
            "  encoding: UTF-16", "  default: ", "severity: nope", "  x: 5", "\t", "---", "name: A B"};
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(5)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, inserts[random.nextInt(inserts.length)]);
                case 2 -> {
                    String l = lines.get(at);
                    if (!l.isEmpty()) {
                        int c = random.nextInt(l.length());
                        lines.set(at, l.substring(0, c) + TOKENS[random.nextInt(TOKENS.length)] + l.substring(c + 1));
                    }
                }
                case 3 -> lines.set(at, lines.get(at).replaceFirst(":\\s.*",
                        java.util.regex.Matcher.quoteReplacement(": " + TOKENS[random.nextInt(TOKENS.length)])));
                default -> lines.set(at, " " + lines.get(at)); // indentation shifted
            }
        }
        return String.join("\n", lines) + "\n";
    }
}
