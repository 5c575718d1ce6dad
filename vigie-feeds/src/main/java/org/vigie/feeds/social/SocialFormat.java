package org.vigie.feeds.social;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.RejectedRecord;

/**
 * Public posts, Mastodon API {@code Status} objects one per line (JSON Lines), in; {@code gathering_risk} events
 * out. Posts themselves never become events: each document feeds one {@link BurstDetector} shared by all documents
 * of this format, and the events are the bursts of the windows the document's arrival closed.
 *
 * <p>The quarantine keeps a rejected record's raw text; for this format that text would be the status, author and
 * all, so rejected lines are quarantined with their line number and reason only. For the same reason this format
 * never throws {@link org.vigie.feeds.FeedParseException} (the server quarantines a whole unreadable document):
 * bytes that are not UTF-8 reject their line.
 *
 * <p>Thread-safe: documents are read one at a time (the detector has one owner).
 */
public final class SocialFormat implements FeedFormat {
    public static final String NAME = "social";

    /** Counts of one run through the format, for a summary. */
    public static final class Tally {
        public long lines;
        public long kept;
        public long rejected;
        public final Map<StatusParser.Reason, Long> skipped = new EnumMap<>(StatusParser.Reason.class);
        public long bursts;
        /** The latest post time read, null before any. */
        public Instant latest;

        public long skipped(StatusParser.Reason r) {
            return skipped.getOrDefault(r, 0L);
        }
    }

    private final StatusParser parser;
    private final BurstDetector detector;
    private final Duration lateness;

    /**
     * @param lateness how long after a window ends posts may still arrive: a window closes when a document
     *                 received that much after its end arrives
     */
    public SocialFormat(StatusParser parser, BurstDetector detector, Duration lateness) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.lateness = Objects.requireNonNull(lateness, "lateness");
    }

    /** Marseille's gazetteer, resolution-8 cells, the default burst settings, one minute of lateness. */
    public static SocialFormat marseille(org.vigie.core.geo.BoundingBox bounds) {
        var settings = BurstSettings.defaults();
        return new SocialFormat(new StatusParser(Gazetteer.marseille(), TopicWords.shipped(),
                new AuthorSalts(settings.window()), PostSignal.MAX_RESOLUTION, bounds), new BurstDetector(settings),
                Duration.ofMinutes(1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized FeedBatch parse(byte[] document, FeedContext context) {
        var rejected = new ArrayList<RejectedRecord>();
        var tally = new Tally();
        readLines(document, context.lineOffset(), tally, rejected::add);
        var events = new ArrayList<Event>();
        for (Burst b : advanceTo(context.receivedAt().minus(lateness))) {
            events.add(b.toEvent(NAME, context.sourceId(), context.receivedAt()));
        }
        return new FeedBatch((int) Math.min(Integer.MAX_VALUE, tally.lines), events, rejected);
    }

    /**
     * Reads the lines of a document into the detector without closing windows: the file import calls it chunk by
     * chunk, then {@link #flush}.
     */
    public synchronized void readLines(byte[] document, int lineOffset, Tally tally, Consumer<RejectedRecord> rejected) {
        int n = lineOffset;
        int start = 0;
        for (int i = 0; i <= document.length; i++) {
            if (i == document.length || document[i] == '\n') {
                n++;
                int end = i > start && document[i - 1] == '\r' ? i - 1 : i;
                if (end > start) {
                    line(document, start, end, n, tally, rejected);
                }
                start = i + 1;
            }
        }
    }

    private void line(byte[] doc, int from, int to, int number, Tally tally, Consumer<RejectedRecord> rejected) {
        boolean blank = true;
        for (int i = from; i < to && blank; i++) {
            blank = doc[i] == ' ' || doc[i] == '\t';
        }
        if (blank) {
            return;
        }
        tally.lines++;
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(doc, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            tally.rejected++;
            rejected.accept(new RejectedRecord("line " + number, "not UTF-8 text", "")); // raw withheld: see class doc
            return;
        }
        switch (parser.parse(text)) {
            case StatusParser.Post p -> {
                tally.kept++;
                Instant at = p.signal().at();
                tally.latest = tally.latest == null || at.isAfter(tally.latest) ? at : tally.latest;
                detector.observe(p.signal(), p.author());
            }
            case StatusParser.Skipped s -> tally.skipped.merge(s.reason(), 1L, Long::sum);
            case StatusParser.Rejected r -> {
                tally.rejected++;
                rejected.accept(new RejectedRecord("line " + number, r.reason(), "")); // raw withheld: see class doc
            }
        }
    }

    /** Closes the windows that end by {@code watermark}, and forgets their authors' salts. */
    public synchronized List<Burst> advanceTo(Instant watermark) {
        List<Burst> found = detector.advanceTo(watermark);
        forgetClosed();
        return found;
    }

    /** Closes every open window (end of a file), and forgets their authors' salts. */
    public synchronized List<Burst> flush() {
        List<Burst> found = detector.flush();
        forgetClosed();
        return found;
    }

    private void forgetClosed() {
        Instant next = detector.nextWindowToClose();
        if (next != null) {
            parser.forgetAuthorsBefore(next);
        }
    }

    public synchronized BurstDetector.Stats stats() {
        return detector.stats();
    }

    public StatusParser parser() {
        return parser;
    }
}
