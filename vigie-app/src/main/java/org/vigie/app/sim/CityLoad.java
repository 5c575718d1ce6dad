package org.vigie.app.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vigie.core.geo.City;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventRules;

/**
 * A city-scale load: a {@link CitySimulator} at a {@link CityScale} over a fixed period, cut into batches as fast
 * as the caller asks for them. Simulated time runs as fast as the target accepts events, not at the clock's pace;
 * the events are those of the period, in time order, the same for the same seed, scale and start whatever the
 * batch size.
 *
 * <p>The period should end no later than the moment the load starts ({@link #endingAt}, {@link #endingBefore}):
 * an event may not be dated more than {@link EventRules#MAX_CLOCK_SKEW} after it was received
 * ({@link EventRules#checkTimes}, which every {@link Event} obeys), and a load sent faster than real time would
 * soon be dating its events in the future if its period began now. A period in the past keeps every event in the
 * past however fast it is sent, and one that ended within the last day keeps it recent for the parts of the
 * platform that look back from the present (recovery of events without an incident looks two days back,
 * retention reduces events older than its limit to counts).
 *
 * <p>Not thread-safe; one thread draws the batches.
 */
public final class CityLoad {
    /** Simulated time drawn at once: small enough that a batch's events are stamped as received when drawn. */
    static final Duration STEP = Duration.ofMinutes(1);

    private final CitySimulator simulator;
    private final Instant start;
    private final Instant end;
    private final ArrayDeque<Event> drawn = new ArrayDeque<>();

    public CityLoad(City city, long seed, CityScale scale, Instant start, Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period must be positive, got " + period);
        }
        this.start = Objects.requireNonNull(start, "start");
        this.end = start.plus(period);
        this.simulator = new CitySimulator(city, seed, start, scale);
    }

    /**
     * The load of the {@code period} that ends at {@code now}: the most recent events there can be, but the local
     * hours they fall on, and so the load, depend on the moment of the run.
     */
    public static CityLoad endingAt(City city, long seed, CityScale scale, Instant now, Duration period) {
        return new CityLoad(city, seed, scale, now.minus(period), period);
    }

    /**
     * The load of the {@code period} that ends at the last midnight in Marseille before {@code now}. Ending at a
     * midnight rather than at {@code now} makes a seed give the same load whenever it is run, only moved by whole
     * days, since the rates follow the local hour (but for a period across a change of summer time).
     */
    public static CityLoad endingBefore(City city, long seed, CityScale scale, Instant now, Duration period) {
        Instant midnight = now.atZone(CitySimulator.LOCAL_TIME).truncatedTo(ChronoUnit.DAYS).toInstant();
        return new CityLoad(city, seed, scale, midnight.minus(period), period);
    }

    /**
     * The next events of the period, at most {@code max}, in time order, stamped as received at
     * {@code receivedAt}; empty once the period is over.
     *
     * @throws IllegalArgumentException when the period goes on beyond what may be received at {@code receivedAt}
     *     (see the class comment)
     */
    public List<Event> next(int max, Instant receivedAt) {
        if (max < 1) {
            throw new IllegalArgumentException("a batch holds at least one event, not " + max);
        }
        while (drawn.size() < max && simulator.horizon().isBefore(end)) {
            Instant until = simulator.horizon().plus(STEP);
            drawn.addAll(simulator.advanceTo(until.isAfter(end) ? end : until, receivedAt));
        }
        var batch = new ArrayList<Event>(Math.min(max, drawn.size()));
        while (batch.size() < max && !drawn.isEmpty()) {
            batch.add(drawn.poll());
        }
        return batch;
    }

    /**
     * How far the simulated clock has gone: every event before it has been drawn. The events handed out so far
     * are older still, except for those drawn and not yet handed out.
     */
    public Instant simulatedNow() {
        return simulator.horizon();
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** The situations drawn so far: the ground truth behind the events. */
    public long situations() {
        return simulator.situationsGenerated();
    }
}
