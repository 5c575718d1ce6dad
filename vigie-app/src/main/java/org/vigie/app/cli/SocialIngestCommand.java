package org.vigie.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.feeds.RejectedRecord;
import org.vigie.feeds.social.AuthorSalts;
import org.vigie.feeds.social.Burst;
import org.vigie.feeds.social.BurstDetector;
import org.vigie.feeds.social.BurstSettings;
import org.vigie.feeds.social.Gazetteer;
import org.vigie.feeds.social.PostSignal;
import org.vigie.feeds.social.SocialFormat;
import org.vigie.feeds.social.StatusParser;
import org.vigie.feeds.social.TopicWords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "social", mixinStandardHelpOptions = true,
        description = {"Find gathering risks in public posts: Mastodon API statuses, one JSON object per line.",
                "The file is read here: each status becomes a time, a coarse H3 cell and topic words, and its",
                "author only a salted token that lives for one window (see StatusParser). Bursts per cell and",
                "topic from at least k distinct authors become gathering_risk events, and only those are sent",
                "to POST /api/v1/events. Statuses are read in time order, oldest first, as the streaming API",
                "sends them. Exit 0 when every line was read, 2 when some were rejected, 1 when the file could",
                "not be read or the events not sent."})
final class SocialIngestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE.jsonl")
    Path file;

    @Mixin
    EventUpload.Options upload;

    @Option(names = "--min-authors", defaultValue = "5", paramLabel = "K",
            description = "k: fewest distinct authors of a burst (default: ${DEFAULT-VALUE}).")
    int minAuthors;

    @Option(names = "--false-alarms-per-day", defaultValue = "1.0", paramLabel = "F",
            description = "Bound on false bursts a day over all cells and topics (default: ${DEFAULT-VALUE}).")
    double falseAlarmsPerDay;

    @Option(names = "--min-history", defaultValue = "P1D", paramLabel = "DURATION",
            description = "No burst before this much of the file has been read, ISO 8601 (default: ${DEFAULT-VALUE}).")
    Duration minHistory;

    @Option(names = "--show", defaultValue = "10", description = "How many rejections and bursts to print (default: ${DEFAULT-VALUE}).")
    int show;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isRegularFile(file)) {
            System.err.println(file + ": no such file");
            return 1;
        }
        SocialFormat format;
        try {
            var settings = BurstSettings.defaults().withMinAuthors(minAuthors).withFalseAlarmsPerDay(falseAlarmsPerDay)
                    .withMinHistory(minHistory);
            format = new SocialFormat(new StatusParser(Gazetteer.marseille(), TopicWords.shipped(),
                    new AuthorSalts(settings.window()), PostSignal.MAX_RESOLUTION, Marseille.approximateCity().bounds()),
                    new BurstDetector(settings), Duration.ZERO);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        String sourceId = upload.sourceOr(file);
        long total = countLines(file);
        var tally = new SocialFormat.Tally();
        var rejected = new ArrayList<String>();
        var bursts = new ArrayList<Burst>();
        try (var progress = new ProgressBar(System.err, "posts", total); InputStream in = Files.newInputStream(file)) {
            // Whole lines, a chunk at a time, so a file of any size reads in constant memory.
            byte[] buffer = new byte[1 << 20];
            byte[] carry = new byte[0];
            int lineOffset = 0;
            int n;
            while ((n = in.read(buffer)) > 0 || carry.length > 0) {
                byte[] chunk;
                if (n > 0) {
                    chunk = new byte[carry.length + n];
                    System.arraycopy(carry, 0, chunk, 0, carry.length);
                    System.arraycopy(buffer, 0, chunk, carry.length, n);
                } else {
                    chunk = carry;
                }
                int cut = n > 0 ? lastNewline(chunk) + 1 : chunk.length;
                byte[] lines = Arrays.copyOf(chunk, cut);
                carry = Arrays.copyOfRange(chunk, cut, chunk.length);
                long before = tally.lines;
                format.readLines(lines, lineOffset, tally, r -> note(rejected, r));
                lineOffset += count(lines);
                if (tally.latest != null) {
                    // Windows close as the file's own time moves on (posts up to a window late still count), so
                    // a file of weeks holds only the open windows' counts.
                    bursts.addAll(format.advanceTo(tally.latest.minus(Duration.ofMinutes(15))));
                }
                progress.step(tally.lines - before);
                if (n <= 0) {
                    break;
                }
            }
            bursts.addAll(format.flush());
        }
        tally.bursts = bursts.size();
        var events = new ArrayList<Event>();
        Instant now = Instant.now();
        for (Burst b : bursts) {
            events.add(b.toEvent(SocialFormat.NAME, sourceId, now));
        }
        rejected.stream().limit(Math.max(0, show)).forEach(System.err::println);
        if (rejected.size() > show) {
            System.err.println("… and " + (rejected.size() - show) + " more rejected line(s)");
        }
        long skipped = tally.skipped.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%s: %d posts read, %d signals kept, %d skipped (%d not public, %d boosts, %d without a place,"
                        + " %d outside the city, %d without a topic), %d rejected%n", file, tally.lines, tally.kept, skipped,
                tally.skipped(StatusParser.Reason.NOT_PUBLIC), tally.skipped(StatusParser.Reason.REBLOG),
                tally.skipped(StatusParser.Reason.UNPLACED), tally.skipped(StatusParser.Reason.OUTSIDE_CITY),
                tally.skipped(StatusParser.Reason.NO_TOPIC), tally.rejected);
        BurstDetector.Stats stats = format.stats();
        System.out.printf("%d bursts found; %d cell × topic windows held back by the %d-distinct-authors floor; %d late posts%n",
                bursts.size(), stats.belowAuthorFloor(), minAuthors, stats.late());
        bursts.stream().limit(Math.max(0, show)).forEach(b -> System.out.println("  " + b.explanation()));
        if (stats.late() > tally.kept / 10) {
            // The detector reads time forwards; a REST API export lists statuses newest first.
            System.err.println(file + ": " + stats.late() + " of " + tally.kept + " posts came after their window had"
                    + " closed; is the file in time order, oldest first? (reverse one listed newest first: tac FILE)");
        }
        if (!upload.dryRun) {
            EventUpload.Answer a = EventUpload.send(upload.server, events);
            if (a.refused() != null) {
                System.err.println(a.refused());
                return 1;
            }
            System.out.printf("%d gathering_risk events sent: %d accepted, %d already present, %d rejected%n",
                    events.size(), a.accepted(), a.duplicates(), a.rejected());
        }
        return tally.rejected == 0 ? 0 : 2;
    }

    private void note(List<String> rejected, RejectedRecord r) {
        rejected.add(file + ":" + r.ref().replace("line ", "") + ": " + r.reason());
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int count(byte[] b) {
        int n = 0;
        for (byte x : b) {
            if (x == '\n') {
                n++;
            }
        }
        return n;
    }

    static long countLines(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            long n = 0;
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    n++;
                }
            }
            return n;
        }
    }
}
