package org.vigie.feeds.open311;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

/**
 * Ten thousand random and mutated GeoReport answers, JSON and XML: the client parser answers each with a batch
 * or a {@link FeedParseException}, never anything else, and the same bytes always give the same events.
 */
class Open311FuzzTest {
    private static final long SEED = 0x311_2026L;
    private static final int CASES = 10_000;
    private static final FeedContext CONTEXT = new FeedContext("fuzz", Instant.parse("2026-07-14T10:00:00Z"));
    private static final String[] FIELDS = Open311Reader.FIELDS.toArray(String[]::new);
    private static final String[] NOISE = {"\"", "'", "{", "}", "[", "]", ",", ":", "<", ">", "/", "&", "&amp;", "&x;",
        "<!DOCTYPE x [<!ENTITY x \"y\">]>", "<![CDATA[", "]]>", "\u0000", "\uFFFF", "\uD800", "006", "-0", "1e999",
        "NaN", "null", "true", "<request>", "</request>", "<service_requests>", "\\u0000", "\\", "\n", "é", "🚧"};

    private final Open311Format format = new Open311Format();

    @Test
    void everyDocumentGivesABatchOrAParseException() {
        Random rnd = new Random(SEED);
        List<byte[]> seeds = new ArrayList<>();
        for (String f : List.of("get_requests_response.json", "get_requests_response.xml", "get_request_response.json",
                "get_request_response.xml", "get_token_response.json", "get_services.xml")) {
            seeds.add(Fixtures.bytes(f));
        }
        int batches = 0;
        int refused = 0;
        int events = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] doc = switch (rnd.nextInt(4)) {
                case 0 -> generated(rnd, true);
                case 1 -> generated(rnd, false);
                case 2 -> mutate(rnd, generated(rnd, rnd.nextBoolean()));
                default -> mutate(rnd, seeds.get(rnd.nextInt(seeds.size())));
            };
            try {
                FeedBatch b = format.parse(doc, CONTEXT);
                batches++;
                events += b.events().size();
                assertThat(b.events().size() + b.rejected().size()).as("case %d", i).isLessThanOrEqualTo(b.records());
                if (i % 10 == 0) {
                    assertThat(format.parse(doc, CONTEXT).events().stream().map(Event::id).toList())
                            .as("case %d parsed twice", i).isEqualTo(b.events().stream().map(Event::id).toList());
                }
            } catch (FeedParseException e) {
                refused++;
                assertThat(e.getMessage()).as("case %d", i).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("case " + i + " (seed " + SEED + ") threw " + e + " on:\n"
                        + new String(doc, StandardCharsets.UTF_8), e);
            }
        }
        // The generator must exercise both outcomes, and produce events, or it tests nothing.
        assertThat(batches).isGreaterThan(CASES / 10);
        assertThat(refused).isGreaterThan(CASES / 10);
        assertThat(events).isGreaterThan(CASES / 10);
    }

    private static byte[] generated(Random rnd, boolean json) {
        int n = rnd.nextInt(5);
        var sb = new StringBuilder(json ? "[" : "<?xml version=\"1.0\" encoding=\"utf-8\"?><service_requests>");
        for (int r = 0; r < n; r++) {
            if (json && r > 0) {
                sb.append(',');
            }
            sb.append(json ? "{" : "<request>");
            int fields = 0;
            for (String f : FIELDS) {
                if (rnd.nextInt(10) < 2 && !f.equals("lat") && !f.equals("long") && !f.equals("requested_datetime")) {
                    continue;
                }
                String v = value(rnd, f);
                if (json) {
                    sb.append(fields++ > 0 ? "," : "").append('"').append(f).append("\":")
                            .append(v == null ? "null" : rnd.nextInt(4) == 0 && isNumber(v) ? v : quoteJson(v));
                } else {
                    sb.append('<').append(f).append('>').append(v == null ? "" : escapeXml(v)).append("</").append(f).append('>');
                }
            }
            sb.append(json ? "}" : "</request>");
        }
        sb.append(json ? "]" : "</service_requests>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Mostly plausible values, so that many records become events, and now and then a wrong one. */
    private static String value(Random rnd, String field) {
        if (rnd.nextInt(15) == 0) {
            return null;
        }
        boolean odd = rnd.nextInt(5) == 0;
        return switch (field) {
            case "lat" -> odd ? pick(rnd, String.valueOf(rnd.nextDouble() * 400 - 200), "0", "north", "", "1e308", "43,3")
                    : String.valueOf(43 + rnd.nextDouble());
            case "long" -> odd ? pick(rnd, String.valueOf(rnd.nextDouble() * 400 - 200), "0", "east", "")
                    : String.valueOf(5 + rnd.nextDouble());
            case "requested_datetime", "updated_datetime", "expected_datetime" -> odd ? pick(rnd,
                    "2026-07-13T10:00:00", "2026-07-13", "2099-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "yesterday",
                    "2026-13-45T99:99:99Z", "+999999999-12-31T23:59:59Z", "2026-07-13T10:00:00+0200")
                    : Instant.parse("2026-07-14T00:00:00Z").minusSeconds(rnd.nextInt(90 * 86_400)).toString();
            case "status" -> odd ? pick(rnd, "closed", "OPEN", "in_progress", "") : "open";
            case "service_request_id" -> odd ? pick(rnd, "00" + rnd.nextInt(99), "x".repeat(rnd.nextInt(100)))
                    : String.valueOf(rnd.nextInt(1_000_000));
            case "media_url" -> pick(rnd, "http://x.org/a.jpg", "javascript:alert(1)", "https://a b", "");
            case "service_name" -> pick(rnd, "Graffiti", "Pothole", "Street light out", "Dépôt sauvage", randomText(rnd));
            default -> randomText(rnd);
        };
    }

    private static String randomText(Random rnd) {
        int len = rnd.nextInt(rnd.nextInt(200) == 0 ? 2000 : 30);
        var sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(rnd.nextInt(8) == 0 ? (char) rnd.nextInt(0x3000) : (char) (' ' + rnd.nextInt(95)));
        }
        return sb.toString();
    }

    private static byte[] mutate(Random rnd, byte[] original) {
        String s = new String(original, StandardCharsets.UTF_8);
        var sb = new StringBuilder(s);
        int edits = 1 + rnd.nextInt(6);
        for (int e = 0; e < edits && !sb.isEmpty(); e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(6)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, NOISE[rnd.nextInt(NOISE.length)]);
                case 2 -> sb.setLength(at); // truncated in transit
                case 3 -> sb.setCharAt(at, (char) rnd.nextInt(128));
                case 4 -> {
                    int end = Math.min(sb.length(), at + rnd.nextInt(40));
                    sb.insert(at, sb.substring(at, end)); // a repeated fragment
                }
                default -> {
                    int end = Math.min(sb.length(), at + rnd.nextInt(40));
                    sb.delete(at, end);
                }
            }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(20) == 0 && b.length > 0) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256); // not UTF-8 any more
        }
        return b;
    }

    private static String pick(Random rnd, String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private static boolean isNumber(String v) {
        return v.matches("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");
    }

    private static String quoteJson(String v) {
        var sb = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String escapeXml(String v) {
        var sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '&' -> sb.append("&amp;");
                case '>' -> sb.append("&gt;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
