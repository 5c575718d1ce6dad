package org.vigie.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What an operator handles: events close in space and time, with a type, a priority (1 most urgent … 5),
 * a status and a verdict. Immutable: every change returns a copy with {@code version} increased by one per
 * step (one per event that joins), which is what optimistic concurrency compares.
 *
 * <p>{@code sourceConfidence} keeps, per source, the best confidence seen, so the incident's confidence is a
 * noisy-OR over independent sources and one chatty sensor cannot make itself certain. Social streams count as one
 * source, the best of them: they read the same public posts (an instance's timelines carry much of the others'),
 * so two streams raising the same gathering are one witness, not two. The methods here compute
 * that raw noisy-OR and a priority from severity and confidence alone; the correlator then re-assesses every
 * incident it touches with {@link org.vigie.core.priority.Triage} (source reliabilities, vulnerable places,
 * composite rules) through {@link #withAssessment}, which is part of the same step and keeps the version.
 *
 * @param composite           the composite correlation rule that shaped this incident, or null
 * @param memberKinds         members counted by kind of source and type, which composite rules test
 * @param priorityExplanation why the incident has its priority, in words an operator reads
 * @param mergedInto          the incident this one was absorbed into (it is then closed and empty), or null
 * @param regroupings         merges and splits, oldest first
 */
public record Incident(
        IncidentId id,
        EventType type,
        IncidentStatus status,
        int priority,
        Severity severity,
        double confidence,
        Location location,
        Instant firstSeen,
        Instant lastSeen,
        List<EventId> eventIds,
        Map<String, Double> sourceConfidence,
        Verdict verdict,
        long version,
        String composite,
        Map<MemberKind, Integer> memberKinds,
        String priorityExplanation,
        IncidentId mergedInto,
        List<Regrouping> regroupings) implements Assessable {

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
        eventIds = GrowingList.of(eventIds);
        sourceConfidence = SourceConfidences.of(sourceConfidence);
        memberKinds = MemberCounts.of(memberKinds == null ? Map.of() : memberKinds);
        priorityExplanation = priorityExplanation == null ? "" : priorityExplanation;
        regroupings = regroupings == null ? List.of() : List.copyOf(regroupings);
        if (priority < 1 || priority > 5) {
            throw new IllegalArgumentException("priority must be 1..5, got " + priority);
        }
        if (mergedInto != null && status != IncidentStatus.CLOSED) {
            throw new IllegalArgumentException("incident " + id + " was merged into " + mergedInto
                    + " and must be closed, not " + status.jsonName());
        }
    }

    /** An incident as it was before fusion: no composite, no member kinds, no explanation, no regrouping. */
    public Incident(IncidentId id, EventType type, IncidentStatus status, int priority, Severity severity,
                    double confidence, Location location, Instant firstSeen, Instant lastSeen, List<EventId> eventIds,
                    Map<String, Double> sourceConfidence, Verdict verdict, long version) {
        this(id, type, status, priority, severity, confidence, location, firstSeen, lastSeen, eventIds,
                sourceConfidence, verdict, version, null, Map.of(), "", null, List.of());
    }

    /** A new incident opened by its first event. */
    public static Incident open(IncidentId id, Event first) {
        var sources = SourceConfidences.of(first.source(), first.confidence());
        return new Incident(id, first.type(), IncidentStatus.NEW, priorityOf(first.severity(), first.confidence()),
                first.severity(), first.confidence(), first.location(), first.occurredAt(), first.occurredAt(),
                GrowingList.of(first.id()), sources, null, 1, null,
                MemberCounts.one(MemberKind.of(first)), "", null, List.of());
    }

    /**
     * This incident with one more member event; the location becomes the mean of the members. Constant time:
     * the member list grows in place when this is its latest version, and the maps are a few entries long.
     */
    public Incident withEvent(Event e) {
        return withEvent(e, joined -> {
            double conf = ((Draft) joined).sources.noisyOr();
            return new Assessment(conf, priorityOf(joined.severity(), conf), priorityExplanation);
        });
    }

    /**
     * {@link #withEvent(Event)} and its assessment in one copy: the correlator assesses every incident an event
     * joins, and making the joined incident only to copy it again with its assessment cost a tenth of its time.
     */
    public Incident withEvent(Event e, Function<Assessable, Assessment> assessor) {
        int n = eventIds.size();
        double lat = (location.lat() * n + e.location().lat()) / (n + 1);
        double lon = (location.lon() * n + e.location().lon()) / (n + 1);
        var joined = new Draft(type, composite, Severity.max(severity, e.severity()),
                Location.of(lat, lon, Math.max(location.accuracyMeters(), e.location().accuracyMeters())),
                sources().withMax(e.source(), e.confidence()));
        Assessment a = assessor.apply(joined);
        // Events mostly come in time order: one past the end cannot be before the start (whose instant, not read,
        // stays out of the cache).
        Instant at = e.occurredAt();
        boolean later = !at.isBefore(lastSeen);
        return new Incident(id, type, status, a.priority(), joined.severity, a.confidence(), joined.location,
                later ? firstSeen : min(firstSeen, at), later ? at : lastSeen, members().plus(e.id()), joined.sources,
                verdict, version + 1, composite, kinds().plusOne(MemberKind.of(e)), a.explanation(), mergedInto,
                regroupings);
    }

    private record Draft(EventType type, String composite, Severity severity, Location location,
                         SourceConfidences sources) implements Assessable {
        @Override
        public int sourceCount() {
            return sources.size();
        }

        @Override
        public void forEachSource(SourceVisitor visitor) {
            sources.forEachSource(visitor);
        }
    }

    /**
     * This incident with the members of {@code other} as well, as if each had joined it: the version rises by
     * one per event taken in, the location becomes the mean of all members, and {@code entry} (if not null) is
     * recorded.
     */
    public Incident absorb(Incident other, Regrouping entry) {
        int n = eventIds.size();
        int m = other.eventIds.size();
        if (m == 0) {
            throw new IllegalArgumentException("incident " + other.id + " has no events to merge into " + id);
        }
        double lat = (location.lat() * n + other.location.lat() * m) / (n + m);
        double lon = (location.lon() * n + other.location.lon() * m) / (n + m);
        double accuracy = Math.max(location.accuracyMeters(), other.location.accuracyMeters());
        var sources = sources().maxWith(other.sourceConfidence);
        var kinds = kinds().plusAll(other.memberKinds);
        double conf = sources.noisyOr();
        Severity sev = Severity.max(severity, other.severity);
        return new Incident(id, type, status, priorityOf(sev, conf), sev, conf, Location.of(lat, lon, accuracy),
                min(firstSeen, other.firstSeen), max(lastSeen, other.lastSeen), members().plusAll(other.eventIds),
                sources, verdict, version + m, composite, kinds, priorityExplanation, mergedInto,
                entry == null ? regroupings : append(regroupings, entry));
    }

    /**
     * This incident once its events have gone into {@code survivor}: closed, empty, pointing to the survivor,
     * one version later. {@code verdict} says who decided it (null when a rule did).
     */
    public Incident absorbedInto(IncidentId survivor, Regrouping entry, Verdict by) {
        return new Incident(id, type, IncidentStatus.CLOSED, priority, severity, confidence, location, firstSeen,
                lastSeen, List.of(), sourceConfidence, by != null ? by : verdict, version + 1, composite, Map.of(),
                priorityExplanation, survivor, append(regroupings, entry));
    }

    /**
     * This incident holding exactly {@code members} (a subset of its events, after some were split off), with
     * place, time span, sources, severity and member kinds computed again from them, one version later.
     */
    public Incident keeping(Collection<Event> members, Regrouping entry) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("incident " + id + " must keep at least one event");
        }
        double lat = 0;
        double lon = 0;
        double accuracy = 0;
        Instant first = null;
        Instant last = null;
        var ids = new ArrayList<EventId>(members.size());
        var sources = new TreeMap<String, Double>();
        var kinds = new TreeMap<MemberKind, Integer>();
        Severity sev = null;
        for (Event e : members) {
            lat += e.location().lat();
            lon += e.location().lon();
            accuracy = Math.max(accuracy, e.location().accuracyMeters());
            first = first == null ? e.occurredAt() : min(first, e.occurredAt());
            last = last == null ? e.occurredAt() : max(last, e.occurredAt());
            ids.add(e.id());
            sources.merge(e.source().toString(), e.confidence(), Math::max);
            kinds.merge(MemberKind.of(e), 1, Integer::sum);
            sev = sev == null ? e.severity() : Severity.max(sev, e.severity());
        }
        int n = members.size();
        double conf = noisyOr(sources);
        return new Incident(id, type, status, priorityOf(sev, conf), sev, conf, Location.of(lat / n, lon / n, accuracy),
                first, last, ids, sources, verdict, version + 1, composite, kinds,
                priorityExplanation, mergedInto, append(regroupings, entry));
    }

    /** @throws IllegalTransitionException when the life cycle does not allow the move */
    public Incident transition(IncidentStatus target, Verdict by) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(id, status, target);
        }
        return new Incident(id, type, target, priority, severity, confidence, location, firstSeen, lastSeen,
                eventIds, sourceConfidence, by, version + 1, composite, memberKinds, priorityExplanation, mergedInto,
                regroupings);
    }

    /** Confidence, priority and their explanation as assessed by triage; part of the current step (same version). */
    public Incident withAssessment(double newConfidence, int newPriority, String explanation) {
        return new Incident(id, type, status, newPriority, severity, newConfidence, location, firstSeen, lastSeen,
                eventIds, sourceConfidence, verdict, version, composite, memberKinds, explanation, mergedInto,
                regroupings);
    }

    /** This incident as shaped by a composite rule (or by nothing, with null): part of the current step. */
    public Incident withComposite(EventType newType, String rule) {
        return new Incident(id, newType, status, priority, severity, confidence, location, firstSeen, lastSeen,
                eventIds, sourceConfidence, verdict, version, rule, memberKinds, priorityExplanation, mergedInto,
                regroupings);
    }

    /** The first regrouping of an incident made from split-off events; part of the current step. */
    public Incident withRegrouping(Regrouping entry) {
        return new Incident(id, type, status, priority, severity, confidence, location, firstSeen, lastSeen,
                eventIds, sourceConfidence, verdict, version, composite, memberKinds, priorityExplanation, mergedInto,
                append(regroupings, entry));
    }

    @Override
    public int sourceCount() {
        return sourceConfidence.size();
    }

    /** Members of these kinds. */
    public int count(MemberKind kind) {
        return kinds().count(kind);
    }

    /** 1 is most urgent. Severity weight × confidence, in five bands. */
    public static int priorityOf(Severity severity, double confidence) {
        return priorityOfScore(severity.weight() * confidence);
    }

    /** The band of a score: 0.7 and above is 1, then 0.5, 0.3 and 0.15. */
    public static int priorityOfScore(double score) {
        if (score >= 0.7) {
            return 1;
        } else if (score >= 0.5) {
            return 2;
        } else if (score >= 0.3) {
            return 3;
        } else if (score >= 0.15) {
            return 4;
        }
        return 5;
    }

    static double noisyOr(Map<String, Double> perSource) {
        return SourceConfidences.of(perSource).noisyOr();
    }

    /** What {@link #forEachSource} hands over per source. */
    @FunctionalInterface
    public interface SourceVisitor {
        /** @param kind the kind the source's key names, or null when it names none */
        void accept(String source, SourceKind kind, double confidence);
    }

    /** Every source with its kind and best confidence, in the order of {@link #sourceConfidence}, unboxed. */
    @Override
    public void forEachSource(SourceVisitor visitor) {
        sources().forEachSource(visitor);
    }

    @SuppressWarnings("unchecked")
    private GrowingList<EventId> members() {
        return (GrowingList<EventId>) eventIds;
    }

    private SourceConfidences sources() {
        return (SourceConfidences) sourceConfidence;
    }

    private MemberCounts kinds() {
        return (MemberCounts) memberKinds;
    }

    private static List<Regrouping> append(List<Regrouping> list, Regrouping entry) {
        var out = new ArrayList<Regrouping>(list.size() + 1);
        out.addAll(list);
        out.add(Objects.requireNonNull(entry, "entry"));
        return out;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
