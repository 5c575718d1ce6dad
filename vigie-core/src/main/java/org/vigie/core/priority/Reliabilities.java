package org.vigie.core.priority;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;

/**
 * How often each kind of source, and each source, is right: the probability that a report it makes is about a
 * real situation. An incident's confidence is a noisy-OR over its sources of {@code reliability × confidence}
 * (see {@link Triage}), so a detector that cries wolf counts for less than a fire-brigade intervention record.
 *
 * <p>Estimates come from operator verdicts. Every incident confirmed counts one success, every incident
 * dismissed one failure, once for each distinct source among its members and once for each distinct kind of
 * source. The estimate is the mean of a Beta posterior: for a kind, with {@code n0} the prior strength and
 * {@code r0} the configured default, {@code (n0·r0 + confirmed) / (n0 + confirmed + dismissed)}; for one source,
 * the same with its kind's estimate in place of {@code r0}. With {@code n0 = 4} the prior is Beta(2, 2) moved to
 * the configured default: worth four verdicts, so the first few verdicts move an estimate a little and a
 * hundred move it almost all the way, and a new camera starts from what cameras in general deserve.
 *
 * <p>Counts are stored with the verdicts (same transaction) and {@link #restore restored} at start-up. A new
 * estimate applies to incidents assessed afterwards; incidents already assessed keep theirs until they change.
 *
 * <p>Thread-safe: the correlator's writer thread records verdicts; readers (the API) see immutable snapshots.
 */
public final class Reliabilities {
    /** Beta(2, 2): as much weight as four verdicts. */
    public static final double DEFAULT_PRIOR_STRENGTH = 4;

    /** Confirmed and dismissed incidents a source or kind took part in. */
    public record Counts(long confirmed, long dismissed) {
        public static final Counts NONE = new Counts(0, 0);

        public Counts {
            if (confirmed < 0 || dismissed < 0) {
                throw new IllegalArgumentException("verdict counts cannot be negative: " + confirmed + ", " + dismissed);
            }
        }

        Counts plus(Counts o) {
            return new Counts(confirmed + o.confirmed, dismissed + o.dismissed);
        }
    }

    /** One estimate, for display: {@code key} is a kind ({@code camera}) or a source ({@code camera/cam-7}). */
    public record Estimate(String key, double prior, Counts counts, double reliability) {
    }

    /** @param byKind the reliability of each kind (by ordinal), computed once per snapshot: triage asks per event */
    private record Snapshot(Map<SourceKind, Counts> kinds, Map<String, Counts> sources, double[] byKind) {
    }

    private final Map<SourceKind, Double> priors;
    private final double priorStrength;
    private volatile Snapshot snapshot;

    /**
     * @param priors        reliability of each kind before any verdict, in (0, 1); kinds not given get
     *                      {@link #standardPriors()}'s value
     * @param priorStrength how many verdicts the prior is worth, more than 0
     */
    public Reliabilities(Map<SourceKind, Double> priors, double priorStrength) {
        var all = new EnumMap<SourceKind, Double>(standardPriors());
        priors.forEach((kind, r) -> {
            if (!(r > 0 && r < 1)) {
                throw new IllegalArgumentException("reliability of " + kind.jsonName() + " must be in (0, 1), got " + r);
            }
            all.put(kind, r);
        });
        if (!(priorStrength > 0 && priorStrength <= 1_000)) {
            throw new IllegalArgumentException("prior strength must be in (0, 1000], got " + priorStrength);
        }
        this.priors = Collections.unmodifiableMap(all);
        this.priorStrength = priorStrength;
        this.snapshot = snapshot(Map.of(), Map.of());
    }

    private Snapshot snapshot(Map<SourceKind, Counts> kinds, Map<String, Counts> sources) {
        double[] byKind = new double[SourceKind.values().length];
        for (SourceKind k : SourceKind.values()) {
            Counts c = kinds.get(k);
            byKind[k.ordinal()] = c == null ? priors.get(k) : posterior(priors.get(k), c);
        }
        return new Snapshot(kinds, sources, byKind);
    }

    public static Reliabilities standard() {
        return new Reliabilities(Map.of(), DEFAULT_PRIOR_STRENGTH);
    }

    /**
     * Defaults before any verdict. Records of services that act on what they report (fire brigade, police,
     * hospital, CAP alerts) are rarely about nothing; detectors are fooled by look-alikes (fireworks, exhausts,
     * reflections); citizens are sincere but often wrong about what they heard; social and telecom signals are
     * aggregates that hint rather than report.
     */
    public static Map<SourceKind, Double> standardPriors() {
        var m = new EnumMap<SourceKind, Double>(SourceKind.class);
        m.put(SourceKind.CAMERA, 0.7);
        m.put(SourceKind.ACOUSTIC_SENSOR, 0.6);
        m.put(SourceKind.FIRE_BRIGADE, 0.95);
        m.put(SourceKind.POLICE, 0.9);
        m.put(SourceKind.HOSPITAL, 0.9);
        m.put(SourceKind.TRANSIT, 0.85);
        m.put(SourceKind.CITIZEN, 0.6);
        m.put(SourceKind.TELECOM, 0.5);
        m.put(SourceKind.SOCIAL, 0.3);
        m.put(SourceKind.CAP_FEED, 0.95);
        m.put(SourceKind.OPERATOR, 0.95);
        m.put(SourceKind.FUSION, 0.7);
        return m;
    }

    public double priorStrength() {
        return priorStrength;
    }

    public double prior(SourceKind kind) {
        return priors.get(kind);
    }

    public double ofKind(SourceKind kind) {
        return ofKind(snapshot, kind);
    }

    private double ofKind(Snapshot s, SourceKind kind) {
        return s.byKind[kind.ordinal()];
    }

    /** The reliability of a source written {@code kind/id} (as in {@link Incident#sourceConfidence()}). */
    public double ofSource(String source) {
        SourceKind kind = kindOf(source);
        if (kind == null) {
            throw new IllegalArgumentException("'" + source + "' does not start with a kind of source");
        }
        return ofSource(snapshot, kind, source);
    }

    private double ofSource(Snapshot s, SourceKind kind, String source) {
        Counts own = s.sources.isEmpty() ? null : s.sources.get(source);
        double kindEstimate = ofKind(s, kind);
        return own == null ? kindEstimate : posterior(kindEstimate, own);
    }

    /** {@link #ofSource(String)} for a source whose kind is known. */
    double ofSource(String source, SourceKind kind) {
        return ofSource(snapshot, kind, source);
    }

    private double posterior(double prior, Counts c) {
        return (priorStrength * prior + c.confirmed) / (priorStrength + c.confirmed + c.dismissed);
    }

    /**
     * What a verdict on this incident counts: each distinct source and each distinct kind once, as confirmed or
     * dismissed. Empty when the incident is neither. The store writes exactly these increments.
     */
    public static Map<String, Counts> countsOf(Incident decided) {
        Counts one = switch (decided.status()) {
            case CONFIRMED -> new Counts(1, 0);
            case DISMISSED -> new Counts(0, 1);
            default -> null;
        };
        if (one == null) {
            return Map.of();
        }
        var keys = new TreeSet<String>();
        for (String source : decided.sourceConfidence().keySet()) {
            SourceKind kind = kindOf(source);
            if (kind != null) {
                keys.add(source);
                keys.add(kind.jsonName());
            }
        }
        var out = new HashMap<String, Counts>();
        keys.forEach(k -> out.put(k, one));
        return out;
    }

    /** Whether a status is a verdict that counts. */
    public static boolean counts(IncidentStatus status) {
        return status == IncidentStatus.CONFIRMED || status == IncidentStatus.DISMISSED;
    }

    /** Adds what a verdict counts (see {@link #countsOf}). Called once the verdict is stored. */
    public synchronized void record(Incident decided) {
        add(countsOf(decided));
    }

    /** Replaces nothing: adds stored counts (keys as in {@link #countsOf}). Call before anything is recorded. */
    public synchronized void restore(Map<String, Counts> stored) {
        add(stored);
    }

    private void add(Map<String, Counts> increments) {
        if (increments.isEmpty()) {
            return;
        }
        Snapshot s = snapshot;
        var kinds = new EnumMap<SourceKind, Counts>(SourceKind.class);
        kinds.putAll(s.kinds);
        var sources = new HashMap<>(s.sources);
        increments.forEach((key, c) -> {
            if (key.indexOf('/') >= 0) {
                if (kindOf(key) != null) {
                    sources.merge(key, c, Counts::plus);
                }
            } else {
                SourceKind.fromJson(key).ifPresent(k -> kinds.merge(k, c, Counts::plus));
            }
        });
        snapshot = snapshot(Collections.unmodifiableMap(kinds), Collections.unmodifiableMap(sources));
    }

    /** Every kind, then every source with verdicts, for display. */
    public List<Estimate> estimates() {
        Snapshot s = snapshot; // one snapshot for the whole list, even while a verdict is recorded
        var out = new ArrayList<Estimate>();
        for (SourceKind k : SourceKind.values()) {
            out.add(new Estimate(k.jsonName(), priors.get(k), s.kinds.getOrDefault(k, Counts.NONE), ofKind(s, k)));
        }
        for (String source : new TreeSet<>(s.sources.keySet())) {
            SourceKind k = Objects.requireNonNull(kindOf(source));
            out.add(new Estimate(source, ofKind(s, k), s.sources.get(source), ofSource(s, k, source)));
        }
        return out;
    }

    /** The kind of a source key {@code kind/id}, or null. */
    static SourceKind kindOf(String source) {
        return SourceKind.ofKey(source);
    }
}
