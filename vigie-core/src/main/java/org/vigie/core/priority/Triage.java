package org.vigie.core.priority;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
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
        // One pass over the sources gives the confidence and what the explanation says about them: at 10^5 open
        // incidents, every source key read is a cache miss.
        var sources = new SourceTally();
        incident.sourceConfidence().forEach(sources::add);
        double confidence = 1 - sources.miss;
        Optional<VulnerablePlaces.Nearby> place = places.near(incident.location());
        double vulnerability = place.map(n -> n.place().weight()).orElse(1.0);
        int computed = Incident.priorityOfScore(incident.severity().weight() * confidence * vulnerability);
        int priority = Math.min(computed, Math.max(1, atMost));
        return incident.withAssessment(confidence, priority,
                explanation(incident, priority, computed, confidence, place, sources.kinds));
    }

    /** The chance that every source is wrong, and the sources counted by kind (four bits each; -1 past 15). */
    private final class SourceTally {
        double miss = 1;
        long kinds;

        void add(String source, double confidence) {
            SourceKind k = Reliabilities.kindOf(source);
            miss *= 1 - (k == null ? 1 : reliabilities.ofSource(source, k)) * confidence;
            if (k != null && kinds != -1) {
                long count = (kinds >>> (4 * k.ordinal())) & 0xF;
                kinds = count == 0xF ? -1 : kinds + (1L << (4 * k.ordinal()));
            }
        }
    }

    /**
     * What an explanation says, all of it: equal keys give equal text. Most events that join an incident change
     * nothing it says (a source already counted, the same rounded confidence, no place nearby), and the text cost
     * more than the rest of the assessment.
     *
     * @param sources how many sources (some may be of no known kind)
     * @param kinds   sources counted by kind, four bits per kind
     */
    private record Said(EventType type, String composite, Severity severity, int sources, long kinds, long confidence,
                        VulnerablePlace place, long meters, int priority, int computed) {
        /** From the numbers and names only: a place's own hash would go over its coordinates on every lookup. */
        @Override
        public int hashCode() {
            long h = type.ordinal() * 31L + severity.ordinal();
            h = h * 31 + sources;
            h = h * 31 + kinds;
            h = h * 31 + confidence;
            h = h * 31 + meters;
            h = h * 31 + priority * 8L + computed;
            h = h * 31 + (composite == null ? 0 : composite.hashCode());
            h = h * 31 + (place == null ? 0 : place.name().hashCode());
            return Long.hashCode(h * 0x9E37_79B9_7F4A_7C15L);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Said s && s.type == type && s.severity == severity && s.sources == sources
                    && s.kinds == kinds && s.confidence == confidence && s.meters == meters && s.priority == priority
                    && s.computed == computed && Objects.equals(s.composite, composite) && Objects.equals(s.place, place);
        }
    }

    /**
     * Texts made lately, by what they say, in a direct-mapped table: a text replaces whatever shared its slot, so
     * the table stays small (and in cache) whatever runs through it. Entries are immutable, so threads sharing a
     * triage may read and replace them without locks; a lost replacement only costs a text made again.
     */
    private final Remembered[] said = new Remembered[1 << 12];

    private record Remembered(Said said, String text) {
    }

    private String explanation(Incident i, int priority, int computed, double confidence,
                               Optional<VulnerablePlaces.Nearby> place, long kinds) {
        if (kinds == -1) {
            return explain(i, priority, computed, confidence, place); // too many of one kind to pack
        }
        var key = new Said(i.type(), i.composite(), i.severity(), i.sourceCount(), kinds, Math.round(confidence * 100),
                place.map(VulnerablePlaces.Nearby::place).orElse(null),
                place.map(n -> Math.round(n.distanceMeters())).orElse(-1L), priority, computed);
        int slot = key.hashCode() & (said.length - 1);
        Remembered r = said[slot];
        if (r != null && r.said.equals(key)) {
            return r.text;
        }
        String text = explain(i, priority, computed, confidence, place);
        said[slot] = new Remembered(key, text);
        return text;
    }

    public double confidence(Incident incident) {
        var sources = new SourceTally();
        incident.sourceConfidence().forEach(sources::add);
        return 1 - sources.miss;
    }

    private static String explain(Incident i, int priority, int computed, double confidence,
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
        int n = i.sourceCount();
        sb.append(n).append(n == 1 ? " source (" : " sources (");
        int[] kinds = new int[KIND_WORDS.length];
        for (String s : i.sourceConfidence().keySet()) {
            SourceKind k = Reliabilities.kindOf(s);
            if (k != null) {
                kinds[k.ordinal()]++;
            }
        }
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
