package org.vigie.feeds.social;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.Cells;

class BurstDetectorTest {
    static final Instant START = Instant.parse("2025-06-02T00:00:00Z"); // a Monday
    static final Duration WINDOW = Duration.ofMinutes(15);

    record Run(List<Burst> chatterBursts, List<Burst> burstWindow, BurstDetector detector) {
    }

    /**
     * Three days of ordinary chatter (about 900 posts a day over 15 places, 300 authors, a daily rhythm), then on the
     * fourth evening {@code aperoAuthors} people (cycling through them for 30 posts) call a giant apéro at the
     * Vieux-Port within one window, in the middle of the evening's usual chatter.
     */
    static Run run(long seed, int aperoAuthors) {
        var r = new Random(seed);
        var settings = BurstSettings.defaults();
        var salts = new AuthorSalts(settings.window(), new Random(seed + 1));
        var parser = new StatusParser(Gazetteer.marseille(), TopicWords.shipped(), salts, 8, null);
        var detector = new BurstDetector(settings);
        var chatterBursts = new ArrayList<Burst>();
        Instant burstStart = START.plus(Duration.ofDays(3)).plus(Duration.ofHours(18)); // 20:00 in Marseille
        List<Burst> burstWindow = List.of();
        for (Instant w = START; w.isBefore(burstStart.plus(Duration.ofHours(2))); w = w.plus(WINDOW)) {
            int hour = (int) ((w.getEpochSecond() / 3600 + 2) % 24);
            double rate = hour < 7 ? 2 : hour < 18 ? 10 : 16; // posts per window, city-wide
            int n = poisson(r, rate);
            var lines = new ArrayList<String>();
            for (int i = 0; i < n; i++) {
                lines.add(SyntheticStatuses.chatter(r, w.plusSeconds(r.nextInt(900)), 300));
            }
            if (w.equals(burstStart)) {
                for (int i = 0; i < 30; i++) {
                    lines.add(SyntheticStatuses.apero(r, w.plusSeconds(r.nextInt(900)), "fan" + (i % aperoAuthors)));
                }
            }
            for (String line : lines) {
                if (parser.parse(line) instanceof StatusParser.Post p) {
                    detector.observe(p.signal(), p.author());
                }
            }
            List<Burst> closed = detector.advanceTo(w.plus(WINDOW));
            salts.forgetBefore(w.plus(WINDOW));
            if (w.equals(burstStart)) {
                burstWindow = closed;
            } else {
                chatterBursts.addAll(closed);
            }
        }
        return new Run(chatterBursts, burstWindow, detector);
    }

    static int poisson(Random r, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void aGiantAperoInOneCellIsFoundInTheWindowItHappens() {
        Run run = run(42, 30);
        long vieuxPort = Cells.cell(43.2951, 5.3740, 8);
        assertThat(run.burstWindow()).hasSize(1);
        Burst b = run.burstWindow().get(0);
        assertThat(b.cell()).isEqualTo(vieuxPort);
        assertThat(b.terms()).extracting(Burst.TermBurst::term).contains("apero", "geant", "enorme");
        assertThat(b.terms()).extracting(Burst.TermBurst::term).doesNotContain("vieux", "port"); // where, not what
        assertThat(b.strongest().posts()).isEqualTo(30);
        assertThat(b.strongest().posts() / b.strongest().expected()).isGreaterThan(20);
        var event = b.toEvent("social", "test", b.windowEnd());
        assertThat(event.type().jsonName()).isEqualTo("gathering_risk");
        assertThat(event.attributes().findText("top_terms").orElseThrow()).contains("apero");
        assertThat(event.attributes().findNumber("rate_ratio").orElseThrow()).isGreaterThan(20);
        assertThat(event.attributes().findText("cell").orElseThrow()).isEqualTo(Cells.toText(vieuxPort));
    }

    @Test
    void ordinaryChatterRaisesAtMostTheFalseAlarmsItIsAllowed() {
        int falseBursts = 0;
        for (long seed = 1; seed <= 3; seed++) {
            falseBursts += run(seed, 30).chatterBursts().size();
        }
        // Three runs of about two tested days each at one false alarm a day: a handful at most.
        assertThat(falseBursts).isLessThanOrEqualTo(6);
    }

    @Test
    void theSameBurstFromFewerThanKAuthorsIsNeverReported() {
        Run run = run(42, 4);
        assertThat(run.burstWindow()).isEmpty();
        assertThat(run.detector().stats().belowAuthorFloor()).isPositive();
    }

    @Test
    void idleSeriesAreForgottenAndTheirNumberStaysBounded() {
        var settings = BurstSettings.defaults().withMinHistory(Duration.ZERO).withIdleAfter(Duration.ofHours(1))
                .withMaxSeries(1000);
        var detector = new BurstDetector(settings);
        var salts = new AuthorSalts(settings.window(), new Random(3));
        var r = new Random(3);
        Instant t = START;
        for (int w = 0; w < 400; w++) {
            for (int i = 0; i < 20; i++) {
                // every window brings new words in new cells: without eviction the state would grow without end
                long cell = Cells.cell(43.2 + r.nextDouble() * 0.2, 5.3 + r.nextDouble() * 0.2, 8);
                Instant at = t.plusSeconds(i);
                detector.observe(new PostSignal(at, cell, PostSignal.Placement.GEOTAG, List.of("w" + w + "x" + i)),
                        salts.token("a" + i, at));
            }
            t = t.plus(WINDOW);
            detector.advanceTo(t);
            assertThat(detector.stats().series()).isLessThanOrEqualTo(1000 + 20);
        }
        assertThat(detector.stats().evicted()).isGreaterThan(7000);
    }
}
