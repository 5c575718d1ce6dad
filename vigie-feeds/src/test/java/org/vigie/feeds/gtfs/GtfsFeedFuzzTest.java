package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged static feeds: a zip with bytes flipped or cut, and files with quotes, commas, line breaks and stray
 * characters thrown in. Each is read into a feed (with issues) or refused with a {@link GtfsFeedException}.
 */
class GtfsFeedFuzzTest {
    private static final String NOISE = "\",\n\r;\u00e9\uFFFD\t :x9-.";

    @TempDir
    Path tmp;

    private static Map<String, String> testAgencyFiles() throws IOException {
        var files = new LinkedHashMap<String, String>();
        try (var zip = new ZipFile(TransitData.TEST_AGENCY.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                var e = entries.nextElement();
                files.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private static String damage(String text, Random r) {
        var sb = new StringBuilder(text);
        int ops = 1 + r.nextInt(4);
        for (int k = 0; k < ops && !sb.isEmpty(); k++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(5)) {
                case 0 -> sb.insert(at, NOISE.charAt(r.nextInt(NOISE.length())));
                case 1 -> sb.deleteCharAt(at);
                case 2 -> sb.setLength(at);
                case 3 -> sb.setCharAt(at, NOISE.charAt(r.nextInt(NOISE.length())));
                default -> {
                    int end = Math.min(sb.length(), at + 1 + r.nextInt(40));
                    sb.insert(at, sb.substring(at, end));
                }
            }
        }
        return sb.toString();
    }

    private static void readOrRefuse(Path feed, String what) {
        try {
            GtfsFeed f = GtfsFeedReader.read(feed);
            assertThat(f.stops()).isNotEmpty();
            assertThat(f.issues()).allSatisfy(i -> assertThat(i.message()).isNotBlank());
        } catch (GtfsFeedException e) {
            assertThat(e.getMessage()).startsWith("GTFS feed ");
        } catch (RuntimeException | StackOverflowError e) {
            fail(what + " threw " + e, e);
        }
    }

    @Test
    void damagedFilesGiveIssuesOrATypedRefusal() throws IOException {
        Map<String, String> original = testAgencyFiles();
        List<String> names = new ArrayList<>(original.keySet());
        var random = new Random(42);
        for (int i = 0; i < 3_000; i++) {
            var files = new LinkedHashMap<>(original);
            String victim = names.get(random.nextInt(names.size()));
            files.put(victim, damage(files.get(victim), random));
            readOrRefuse(TransitData.zip(tmp.resolve("f.zip"), files), "case " + i + " (" + victim + ")");
        }
    }

    @Test
    void damagedZipsGiveIssuesOrATypedRefusal() throws IOException {
        byte[] zip = Files.readAllBytes(TransitData.TEST_AGENCY);
        var random = new Random(43);
        Path file = tmp.resolve("f.zip");
        for (int i = 0; i < 7_000; i++) {
            byte[] d = GtfsRealtimeFuzzTest.mutate(zip, random, List.of(zip));
            Files.write(file, d);
            readOrRefuse(file, "case " + i);
        }
    }
}
