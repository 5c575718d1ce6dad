package org.vigie.feeds.ngsild;

import java.util.Objects;
import java.util.Set;
import org.vigie.core.model.EventType;

/**
 * A Vigie event type as the Smart Data Models {@code Alert} sees it: one of the model's seven categories and a
 * subCategory. Where the model has a subCategory for the situation ({@code carAccident}, {@code flood},
 * {@code assault} …) it is used as is; where it has none ({@code gunshot}, {@code abandoned_object} …) the
 * subCategory is a Vigie extension written {@code vigie:<name>} (see {@code docs/ngsi-ld.md}).
 *
 * @param subCategory the model's value, or {@code vigie:…} for an extension
 */
public record AlertCategory(String category, String subCategory, boolean extension) {
    /** The model's {@code category} enumeration. */
    public static final Set<String> CATEGORIES = Set.of("traffic", "naturalDisaster", "weather", "environment",
            "health", "security", "agriculture");
    /** Prefix of subCategory values and attributes that the model does not define. */
    public static final String EXTENSION_PREFIX = "vigie:";

    public AlertCategory {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subCategory, "subCategory");
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("not an Alert category: " + category);
        }
        if (extension != subCategory.startsWith(EXTENSION_PREFIX)) {
            throw new IllegalArgumentException("extension subCategories, and only they, start with " + EXTENSION_PREFIX);
        }
    }

    /**
     * The exhaustive switch makes a new event type a compile error here until someone decides how it is published.
     * Choices where the model is close but not exact are said in {@code docs/ngsi-ld.md}.
     */
    public static AlertCategory of(EventType type) {
        return switch (type) {
            case GUNSHOT -> extension("security", "gunshot");
            case EXPLOSION -> extension("security", "explosion");
            case GLASS_BREAK -> extension("security", "glassBreak");
            case ABANDONED_OBJECT -> extension("security", "abandonedObject");
            case WEAPON -> extension("security", "weapon");
            case WRONG_WAY -> model("traffic", "carWrongDirection");
            case ZONE_INTRUSION -> model("security", "suspiciousAction");
            case PERSON_DOWN -> model("health", "fallenPatient");
            case CROWD_MOVEMENT, CROWD_DENSITY, GATHERING_RISK -> model("security", "crowdRisk");
            case FIRE -> model("security", "buildingFire");
            case GRAFFITI -> extension("security", "graffiti");
            case STREET_FURNITURE_DAMAGE -> extension("security", "streetFurnitureDamage");
            case ASSAULT -> model("security", "assault");
            case THEFT -> extension("security", "theft");
            case BURGLARY -> extension("security", "burglary");
            case PUBLIC_DISORDER -> model("security", "civilDisorder");
            case VANDALISM -> extension("security", "vandalism");
            case SMOKE -> extension("security", "smoke");
            case MEDICAL_EMERGENCY -> extension("health", "medicalEmergency");
            case ROAD_ACCIDENT -> model("traffic", "carAccident");
            case TRAFFIC_DISRUPTION -> model("traffic", "trafficJam");
            case TRANSIT_DISRUPTION -> extension("traffic", "transitDisruption");
            case ROAD_HAZARD -> model("traffic", "hazardOnRoad");
            case STREETLIGHT_OUTAGE -> extension("traffic", "streetlightOutage");
            case NOISE -> extension("environment", "noise");
            case WASTE -> extension("environment", "waste");
            case FLOODING -> model("naturalDisaster", "flood");
            case WEATHER -> extension("weather", "weather");
            case HAZMAT -> extension("environment", "hazardousMaterial");
            case CROWD_PRESENCE -> extension("security", "crowdPresence");
            case ANOMALY -> extension("security", "anomaly");
            case OTHER -> extension("security", "other");
        };
    }

    private static AlertCategory model(String category, String subCategory) {
        return new AlertCategory(category, subCategory, false);
    }

    private static AlertCategory extension(String category, String name) {
        return new AlertCategory(category, EXTENSION_PREFIX + name, true);
    }
}
