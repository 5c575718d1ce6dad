package org.vigie.core.priority;

import java.util.Arrays;
import java.util.Optional;
import org.vigie.core.model.Assessable;
import org.vigie.core.model.Assessment;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;

/**
 * Confidence and priority of an incident, and why, in words an operator reads at a glance, e.g.
 * {@code priority 1: shooting (gunshot, extreme), 3 sources (acoustic sensor, citizen ×2), confidence 0.93,
 * 120 m from Noailles (transit station ×1.3)}.
 *
 * <ul>
 * <li>Confidence: noisy-OR over distinct sources of {@code reliability(source) × best confidence of the source}
 * ({@link Reliabilities}): the chance that at least one source is right, assuming sources err independently.
 * <li>Score: severity weight (of the most severe member) × confidence × the weight of the heaviest vulnerable
 * place around the incident (1 when none), cut into the five bands of {@link Incident#priorityOfScore}.
 * <li>A composite rule may set a priority an incident of its shape never falls below (e.g. 1 for a gunshot
 * heard by a sensor and reported by citizens).
 * </ul>
 * Pure and cheap: one lookup in the place index, and a short string only when the explanation says something
 * new. Deterministic for given reliabilities, which change only between correlator commands.
 */
public final class Triage {
    private final Reliabilities reliabilities;
    private final VulnerablePlaces places;

    public Triage(Reliabilities reliabilities, VulnerablePlaces places) {
        this.reliabilities = reliabilities;
        this.places = places;
    }

    /** Standard reliabilities, no vulnerable place. */
    public static Triage standard() {
        return new Triage(Reliabilities.standard(), VulnerablePlaces.NONE);
    }

    public Reliabilities reliabilities() {
        return reliabilities;
    }

    public VulnerablePlaces places() {
        return places;
    }

    /**
     * The incident with confidence, priority and explanation assessed (same version).
     *
     * @param atMost the priority a composite rule guarantees (5 when none)
     */
    public Incident assess(Incident incident, int atMost) {
        Assessment a = assessment(incident, atMost);
        return incident.withAssessment(a.confidence(), a.priority(), a.explanation());
    }

    /**
     * Confidence, priority and explanation of an incident, or of one being made (see
     * {@link Incident#withEvent(org.vigie.core.model.Event, java.util.function.Function)}).
     *
     * @param atMost the priority a composite rule guarantees (5 when none)
     */
    public Assessment assessment(Assessable incident, int atMost) {
        // One pass over the sources gives the confidence and what the explanation says about them: at 10^5 open
        // incidents, every source key read is a cache miss.
        var sources = new SourceTally();
        incident.forEachSource(sources);
        double confidence = sources.confidence();
        Optional<VulnerablePlaces.Nearby> place = places.near(incident.location());
        double vulnerability = place.isPresent() ? place.get().place().weight() : 1.0;
        int computed = Incident.priorityOfScore(incident.severity().weight() * confidence * vulnerability);
        int priority = Math.min(computed, Math.max(1, atMost));
        return new Assessment(confidence, priority,
                explanation(incident, priority, computed, confidence, place, sources.kinds));
    }

    /**
     * The chance that every source is wrong, and the sources counted by kind (four bits each; -1 past 15). Social
     * streams are one witness, the best of them (see {@link Incident}).
     */
    private final class SourceTally implements Incident.SourceVisitor {
        double miss = 1;
        double bestSocial;
        long kinds;

        double confidence() {
            return 1 - miss * (1 - bestSocial);
        }

        @Override
        public void accept(String source, SourceKind k, double confidence) {
            double p = (k == null ? 1 : reliabilities.ofSource(source, k)) * confidence;
            if (k == SourceKind.SOCIAL) {
                bestSocial = Math.max(bestSocial, p);
            } else {
                miss *= 1 - p;
            }
            if (k != null && kinds != -1) {
                long count = (kinds >>> (4 * k.ordinal())) & 0xF;
                kinds = count == 0xF ? -1 : kinds + (1L << (4 * k.ordinal()));
            }
        }
    }

    /**
     * The explanation, assembled from parts made once: the head ("priority 3: noise (minor), ") per priority, type
     * and severity; the sources ("2 sources (camera, citizen), confidence ") per count and kinds; the confidence
     * ("0.87") per hundredth. Writing every text afresh cost more than the rest of the assessment, and a memo of
     * whole texts missed too often (each mix of type, sources and confidence is a text of its own). What is rare,
     * a composite rule's name or a place nearby, is written each time.
     */
    private String explanation(Assessable i, int priority, int computed, double confidence,
                               Optional<VulnerablePlaces.Nearby> place, long kinds) {
        if (kinds == -1 || i.composite() != null || place.isPresent() || priority < computed) {
            return explain(i, priority, computed, confidence, place); // too many of one kind to pack, or rare
        }
        return head(priority, i.type(), i.severity()) + sources(i, kinds) + CONFIDENCE[(int) Math.round(confidence * 100)];
    }

    /** Heads by priority, type and severity, made when first needed (a lost race only makes one twice). */
    private static final String[] HEADS = new String[5 * EventType.values().length * Severity.values().length];

    private static String head(int priority, EventType type, Severity severity) {
        int at = ((priority - 1) * EventType.values().length + type.ordinal()) * Severity.values().length
                + severity.ordinal();
        String head = HEADS[at];
        if (head == null) {
            head = "priority " + priority + ": " + TYPE_WORDS[type.ordinal()] + " (" + severity.jsonName() + "), ";
            HEADS[at] = head;
        }
        return head;
    }

    /** Sources parts lately made, by count and kinds, direct-mapped; entries are immutable, so no lock is needed. */
    private static final SourcesPart[] SOURCES = new SourcesPart[1 << 10];

    private record SourcesPart(int count, long kinds, String text) {
    }

    private static String sources(Assessable i, long kinds) {
        int count = i.sourceCount();
        int slot = (int) ((kinds * 0x9E37_79B9_7F4A_7C15L + count) >>> 54);
        SourcesPart part = SOURCES[slot];
        if (part == null || part.count != count || part.kinds != kinds) {
            var sb = new StringBuilder(64);
            sources(sb, i);
            sb.append("), confidence ");
            part = new SourcesPart(count, kinds, sb.toString());
            SOURCES[slot] = part;
        }
        return part.text;
    }

    /** "0.00" to "1.00". */
    private static final String[] CONFIDENCE = new String[101];

    static {
        for (int c = 0; c <= 100; c++) {
            var sb = new StringBuilder(4);
            decimals(sb, c / 100.0, 2);
            CONFIDENCE[c] = sb.toString();
        }
    }

    public double confidence(Incident incident) {
        var sources = new SourceTally();
        incident.forEachSource(sources);
        return sources.confidence();
    }

    private static String explain(Assessable i, int priority, int computed, double confidence,
                                  Optional<VulnerablePlaces.Nearby> place) {
        var sb = new StringBuilder(160);
        sb.append("priority ").append(priority).append(": ");
        String type = TYPE_WORDS[i.type().ordinal()];
        if (i.composite() != null) {
            sb.append(i.composite()).append(" (").append(type).append(", ");
        } else {
            sb.append(type).append(" (");
        }
        sb.append(i.severity().jsonName()).append("), ");
        sources(sb, i);
        sb.append("), confidence ");
        decimals(sb, confidence, 2);
        place.ifPresent(p -> {
            sb.append(", ").append(Math.round(p.distanceMeters())).append(" m from ").append(p.place().name())
                    .append(" (").append(p.place().kindWords()).append(" ×");
            decimals(sb, p.place().weight(), 1);
            sb.append(')');
        });
        if (priority < computed) {
            sb.append("; rule ").append(i.composite() == null ? "" : i.composite()).append(" sets priority ")
                    .append(priority);
        }
        return sb.toString();
    }

    /** "3 sources (acoustic sensor, citizen ×2" (the caller closes it). */
    private static void sources(StringBuilder sb, Assessable i) {
        int n = i.sourceCount();
        sb.append(n).append(n == 1 ? " source (" : " sources (");
        int[] kinds = new int[KIND_WORDS.length];
        i.forEachSource((source, k, best) -> {
            if (k != null) {
                kinds[k.ordinal()]++;
            }
        });
        String sep = "";
        for (int k = 0; k < kinds.length; k++) {
            if (kinds[k] == 0) {
                continue;
            }
            sb.append(sep).append(KIND_WORDS[k]);
            if (kinds[k] > 1) {
                sb.append(" ×").append(kinds[k]);
            }
            sep = ", ";
        }
    }

    /** {@code value} rounded to {@code digits} decimals, with a point; String.format costs more than the rest. */
    static void decimals(StringBuilder sb, double value, int digits) {
        long scale = digits == 1 ? 10 : 100;
        long n = Math.round(value * scale);
        sb.append(n / scale).append('.');
        String frac = Long.toString(n % scale);
        sb.append("0".repeat(digits - frac.length())).append(frac);
    }

    private static final String[] TYPE_WORDS = Arrays.stream(EventType.values())
            .map(t -> t.jsonName().replace('_', ' ')).toArray(String[]::new);
    private static final String[] KIND_WORDS = Arrays.stream(SourceKind.values())
            .map(k -> k.jsonName().replace('_', ' ')).toArray(String[]::new);
}
