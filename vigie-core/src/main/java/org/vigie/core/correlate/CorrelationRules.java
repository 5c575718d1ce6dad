package org.vigie.core.correlate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigie.core.model.EventType;

/**
 * Which event types may merge, and within what radius and window. Every type belongs to exactly one rule:
 * types not named by any rule get a rule of their own with the default radius and window, so compatibility
 * is an equivalence relation and an incident never mixes unrelated situations.
 */
public final class CorrelationRules {
    private final Map<EventType, CorrelationRule> byType = new EnumMap<>(EventType.class);
    private final List<CorrelationRule> rules;
    private final double defaultRadiusMeters;
    private final Duration defaultWindow;

    public CorrelationRules(Collection<CorrelationRule> configured, double defaultRadiusMeters, Duration defaultWindow) {
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
                new CorrelationRule("casualty", Set.of(EventType.PERSON_ON_GROUND, EventType.MEDICAL_EMERGENCY), 150, Duration.ofMinutes(15)),
                new CorrelationRule("traffic", Set.of(EventType.ROAD_ACCIDENT, EventType.TRAFFIC_DISRUPTION, EventType.WRONG_WAY), 300,
                        Duration.ofMinutes(30)),
                new CorrelationRule("damage", Set.of(EventType.VANDALISM, EventType.GRAFFITI, EventType.STREET_FURNITURE_DAMAGE,
                        EventType.GLASS_BREAK), 100, Duration.ofHours(2))),
                250, Duration.ofMinutes(15));
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

    public double maxRadiusMeters() {
        return rules.stream().mapToDouble(CorrelationRule::radiusMeters).max().orElse(defaultRadiusMeters);
    }

    public Duration maxWindow() {
        return rules.stream().map(CorrelationRule::window).max(Duration::compareTo).orElse(defaultWindow);
    }
}
