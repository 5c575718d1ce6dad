package org.vigie.core.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;

/**
 * Which event types may merge, and within what radius and window. Every type belongs to exactly one rule:
 * types not named by any rule get a rule of their own with the default radius and window, so compatibility
 * is an equivalence relation and an incident never mixes unrelated situations.
 *
 * <p>{@link CompositeRule Composite rules} come on top: they bring together reports of different families
 * (a gunshot and citizens' reports of noise) into one incident when together they describe one situation.
 */
public final class CorrelationRules {
    private final Map<EventType, CorrelationRule> byType = new EnumMap<>(EventType.class);
    private final List<CorrelationRule> rules;
    private final List<CompositeRule> composites;
    private final Map<String, CompositeRule> compositesByName = new HashMap<>();
    private final double defaultRadiusMeters;
    private final Duration defaultWindow;

    /** Rules without composites. */
    public CorrelationRules(Collection<CorrelationRule> configured, double defaultRadiusMeters, Duration defaultWindow) {
        this(configured, List.of(), defaultRadiusMeters, defaultWindow);
    }

    public CorrelationRules(Collection<CorrelationRule> configured, Collection<CompositeRule> composites,
                            double defaultRadiusMeters, Duration defaultWindow) {
        this.composites = List.copyOf(composites);
        for (CompositeRule c : this.composites) {
            if (compositesByName.putIfAbsent(c.name(), c) != null) {
                throw new IllegalArgumentException("two composite rules are named '" + c.name() + "'");
            }
        }
        this.defaultRadiusMeters = defaultRadiusMeters;
        this.defaultWindow = defaultWindow;
        var all = new ArrayList<CorrelationRule>();
        for (CorrelationRule r : configured) {
            for (EventType t : r.types()) {
                CorrelationRule previous = byType.putIfAbsent(t, r);
                if (previous != null) {
                    throw new IllegalArgumentException("event type '" + t.jsonName() + "' is in both rule '"
                            + previous.name() + "' and rule '" + r.name() + "'; a type may belong to one rule only");
                }
            }
            all.add(r);
        }
        for (EventType t : EventType.values()) {
            if (!byType.containsKey(t)) {
                var own = new CorrelationRule(t.jsonName(), Set.of(t), defaultRadiusMeters, defaultWindow);
                byType.put(t, own);
                all.add(own);
            }
        }
        this.rules = List.copyOf(all);
    }

    /** Defaults chosen for a dense European city; every one can be overridden in configuration. */
    public static CorrelationRules defaults() {
        return new CorrelationRules(List.of(
                new CorrelationRule("shots", Set.of(EventType.GUNSHOT, EventType.EXPLOSION, EventType.WEAPON), 300, Duration.ofMinutes(10)),
                new CorrelationRule("fire", Set.of(EventType.FIRE, EventType.SMOKE), 400, Duration.ofMinutes(30)),
                new CorrelationRule("violence", Set.of(EventType.ASSAULT, EventType.PUBLIC_DISORDER), 200, Duration.ofMinutes(20)),
                new CorrelationRule("crowd", Set.of(EventType.CROWD_DENSITY, EventType.CROWD_MOVEMENT, EventType.CROWD_PRESENCE,
                        EventType.GATHERING_RISK), 500, Duration.ofMinutes(30)),
                new CorrelationRule("casualty", Set.of(EventType.PERSON_DOWN, EventType.MEDICAL_EMERGENCY), 150, Duration.ofMinutes(15)),
                new CorrelationRule("traffic", Set.of(EventType.ROAD_ACCIDENT, EventType.TRAFFIC_DISRUPTION, EventType.WRONG_WAY), 300,
                        Duration.ofMinutes(30)),
                new CorrelationRule("damage", Set.of(EventType.VANDALISM, EventType.GRAFFITI, EventType.STREET_FURNITURE_DAMAGE,
                        EventType.GLASS_BREAK), 100, Duration.ofHours(2))),
                defaultComposites(), 250, Duration.ofMinutes(15));
    }

    /**
     * A gunshot heard by a sensor and confirmed by two citizen reports is a shooting, priority 1 (citizens say
     * "gunshots", "a fight" or just "noise", so all of these count). A fire seen by a camera and an alert of the
     * fire brigade or a CAP feed are one fire; the alert places it by an address or an area, hence 1 km, and
     * comes once a crew is dispatched, hence an hour.
     */
    public static List<CompositeRule> defaultComposites() {
        return List.of(
                new CompositeRule("shooting",
                        new CompositeRule.Part(Set.of(EventType.GUNSHOT), Set.of(SourceKind.ACOUSTIC_SENSOR), 1),
                        List.of(new CompositeRule.Part(Set.of(EventType.GUNSHOT, EventType.EXPLOSION, EventType.WEAPON,
                                EventType.ASSAULT, EventType.PUBLIC_DISORDER, EventType.NOISE), Set.of(SourceKind.CITIZEN), 2)),
                        300, Duration.ofMinutes(10), EventType.GUNSHOT, 1),
                new CompositeRule("fire-confirmed",
                        new CompositeRule.Part(Set.of(EventType.FIRE, EventType.SMOKE), Set.of(SourceKind.CAMERA), 1),
                        List.of(new CompositeRule.Part(Set.of(EventType.FIRE, EventType.SMOKE, EventType.EXPLOSION,
                                EventType.HAZMAT), Set.of(SourceKind.FIRE_BRIGADE, SourceKind.CAP_FEED), 1)),
                        1000, Duration.ofHours(1), EventType.FIRE, 5));
    }

    public CorrelationRule ruleFor(EventType type) {
        return byType.get(type);
    }

    public boolean compatible(EventType a, EventType b) {
        return byType.get(a) == byType.get(b);
    }

    public List<CorrelationRule> rules() {
        return rules;
    }

    public List<CompositeRule> composites() {
        return composites;
    }

    public Optional<CompositeRule> composite(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(compositesByName.get(name));
    }

    /** These rules with other composites. */
    public CorrelationRules withComposites(Collection<CompositeRule> others) {
        return new CorrelationRules(rules, others, defaultRadiusMeters, defaultWindow);
    }

    public double maxRadiusMeters() {
        return rules.stream().mapToDouble(CorrelationRule::radiusMeters).max().orElse(defaultRadiusMeters);
    }

    public Duration maxWindow() {
        return rules.stream().map(CorrelationRule::window).max(Duration::compareTo).orElse(defaultWindow);
    }
}
