package org.vigie.core.model;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The taxonomy of situations Vigie knows. Every type names a situation, never a person, and maps to a
 * CAP 1.2 category so that incidents can be published as CAP alerts. The JSON name is the stable
 * identifier used in the API, the store and configuration files.
 */
public enum EventType {
    // Acoustic detections
    GUNSHOT("gunshot", CapCategory.SECURITY, Severity.EXTREME),
    EXPLOSION("explosion", CapCategory.SECURITY, Severity.EXTREME),
    GLASS_BREAK("glass_break", CapCategory.SECURITY, Severity.MODERATE),
    // Video situations of decree 2023-828
    ABANDONED_OBJECT("abandoned_object", CapCategory.SECURITY, Severity.SEVERE),
    WEAPON("weapon", CapCategory.SECURITY, Severity.EXTREME),
    WRONG_WAY("wrong_way", CapCategory.TRANSPORT, Severity.MODERATE),
    ZONE_INTRUSION("zone_intrusion", CapCategory.SECURITY, Severity.MODERATE),
    PERSON_DOWN("person_down", CapCategory.RESCUE, Severity.SEVERE),
    CROWD_MOVEMENT("crowd_movement", CapCategory.SAFETY, Severity.SEVERE),
    CROWD_DENSITY("crowd_density", CapCategory.SAFETY, Severity.MODERATE),
    FIRE("fire", CapCategory.FIRE, Severity.SEVERE),
    // Situations about things
    GRAFFITI("graffiti", CapCategory.INFRA, Severity.MINOR),
    STREET_FURNITURE_DAMAGE("street_furniture_damage", CapCategory.INFRA, Severity.MINOR),
    // Reports from services and citizens
    ASSAULT("assault", CapCategory.SECURITY, Severity.SEVERE),
    THEFT("theft", CapCategory.SECURITY, Severity.MINOR),
    BURGLARY("burglary", CapCategory.SECURITY, Severity.MODERATE),
    PUBLIC_DISORDER("public_disorder", CapCategory.SECURITY, Severity.MODERATE),
    VANDALISM("vandalism", CapCategory.INFRA, Severity.MINOR),
    SMOKE("smoke", CapCategory.FIRE, Severity.MODERATE),
    MEDICAL_EMERGENCY("medical_emergency", CapCategory.HEALTH, Severity.SEVERE),
    ROAD_ACCIDENT("road_accident", CapCategory.TRANSPORT, Severity.SEVERE),
    TRAFFIC_DISRUPTION("traffic_disruption", CapCategory.TRANSPORT, Severity.MINOR),
    TRANSIT_DISRUPTION("transit_disruption", CapCategory.TRANSPORT, Severity.MINOR),
    ROAD_HAZARD("road_hazard", CapCategory.INFRA, Severity.MINOR),
    STREETLIGHT_OUTAGE("streetlight_outage", CapCategory.INFRA, Severity.MINOR),
    NOISE("noise", CapCategory.ENV, Severity.MINOR),
    WASTE("waste", CapCategory.ENV, Severity.MINOR),
    FLOODING("flooding", CapCategory.MET, Severity.SEVERE),
    WEATHER("weather", CapCategory.MET, Severity.MODERATE),
    HAZMAT("hazmat", CapCategory.CBRNE, Severity.EXTREME),
    // Aggregates and derived signals
    CROWD_PRESENCE("crowd_presence", CapCategory.SAFETY, Severity.MINOR),
    GATHERING_RISK("gathering_risk", CapCategory.SAFETY, Severity.MODERATE),
    ANOMALY("anomaly", CapCategory.OTHER, Severity.MODERATE),
    OTHER("other", CapCategory.OTHER, Severity.UNKNOWN);

    private static final Map<String, EventType> BY_JSON_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::jsonName, Function.identity()));

    private final String jsonName;
    private final CapCategory capCategory;
    private final Severity defaultSeverity;

    EventType(String jsonName, CapCategory capCategory, Severity defaultSeverity) {
        this.jsonName = jsonName;
        this.capCategory = capCategory;
        this.defaultSeverity = defaultSeverity;
    }

    public String jsonName() {
        return jsonName;
    }

    public CapCategory capCategory() {
        return capCategory;
    }

    /** Severity used when a source does not state one. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public static Optional<EventType> fromJson(String name) {
        return Optional.ofNullable(BY_JSON_NAME.get(name));
    }

    /** Like {@link #fromJson} but throws, naming the accepted values. */
    public static EventType getByJsonName(String name) {
        return fromJson(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown event type '" + name + "'; expected one of " + BY_JSON_NAME.keySet().stream().sorted().toList()));
    }
}
