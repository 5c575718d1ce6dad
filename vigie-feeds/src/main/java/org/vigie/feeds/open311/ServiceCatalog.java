package org.vigie.feeds.open311;

import static org.vigie.feeds.open311.ServiceAttribute.choice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigie.core.model.EventType;
import org.vigie.feeds.open311.ServiceAttribute.Value;

/**
 * The services a city offers to citizens, in the order the report form lists them. The defaults cover the
 * situations citizens see and an operations centre acts on; a configuration may replace them.
 */
public final class ServiceCatalog {
    private final Map<String, Service> byCode;

    public ServiceCatalog(List<Service> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a service catalog needs at least one service");
        }
        var map = new LinkedHashMap<String, Service>();
        for (Service s : services) {
            if (map.put(s.code(), s) != null) {
                throw new IllegalArgumentException("two services have the code '" + s.code() + "'");
            }
        }
        this.byCode = map;
    }

    public List<Service> services() {
        return List.copyOf(byCode.values());
    }

    public Optional<Service> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /** Codes are the event types' own names, so a report's code says what it becomes. */
    public static ServiceCatalog defaults() {
        return new ServiceCatalog(List.of(
                new Service("graffiti", "Graffiti", "Tags or paintings on a wall, a shop front, street furniture or "
                        + "a monument.", "graffiti, tag, paint", "cleanliness", EventType.GRAFFITI, null, List.of(
                        choice("surface", 1, "Where is it?", true, List.of(new Value("wall", "Wall or building"),
                                new Value("shop_front", "Shop front or shutter"),
                                new Value("street_furniture", "Street furniture or sign"),
                                new Value("monument", "Monument or heritage site"))),
                        choice("offensive", 2, "Is the content offensive or hateful?", false, List.of(
                                new Value("yes", "Yes"), new Value("no", "No"))))),
                new Service("streetlight_outage", "Street light out", "A street light that is out, flickering or on "
                        + "in daytime.", "street light, lamp, lighting", "lighting", EventType.STREETLIGHT_OUTAGE, null,
                        List.of(choice("state", 1, "What is wrong with the light?", true, List.of(
                                        new Value("out", "It is out"), new Value("flickering", "It flickers"),
                                        new Value("on_in_daytime", "It stays on in daytime"))),
                                new ServiceAttribute(true, "pole_number", ServiceAttribute.Datatype.STRING, false,
                                        "The number painted or stuck on the pole, if you can read it", 2,
                                        "Pole number", List.of()))),
                new Service("waste", "Dumped waste or overflowing bin", "Waste left in the street, bulky items, or "
                        + "a public bin that is full.", "waste, rubbish, dumping, bin, bulky", "cleanliness",
                        EventType.WASTE, null, List.of(choice("kind", 1, "What kind of waste?", true, List.of(
                                new Value("household", "Household bags"), new Value("bulky", "Bulky items"),
                                new Value("rubble", "Rubble or building waste"),
                                new Value("overflowing_bin", "A public bin is full"))))),
                new Service("road_hazard", "Hazard on the road or pavement", "A pothole, a loose manhole cover, an "
                        + "object on the road, a damaged pavement.", "pothole, road, pavement, manhole", "street",
                        EventType.ROAD_HAZARD, null, List.of(choice("where", 1, "Where is the hazard?", true, List.of(
                                new Value("roadway", "On the road"), new Value("pavement", "On the pavement"),
                                new Value("cycle_lane", "On a cycle lane"))))),
                new Service("noise", "Noise nuisance", "Noise in a public space: works outside permitted hours, "
                        + "amplified music, alarms that do not stop.", "noise, music, alarm, works", "quiet",
                        EventType.NOISE, null, List.of(choice("ongoing", 1, "Is it still going on?", true, List.of(
                                new Value("yes", "Yes"), new Value("no", "No"))))),
                new Service("street_furniture_damage", "Damaged street furniture", "A damaged or missing bench, "
                        + "sign, bollard, bus shelter or public bin.", "bench, sign, bollard, shelter", "street",
                        EventType.STREET_FURNITURE_DAMAGE, null, List.of(choice("item", 1, "What is damaged?", true,
                                List.of(new Value("bench", "Bench"), new Value("sign", "Sign"),
                                        new Value("bollard", "Bollard"), new Value("bus_shelter", "Bus shelter"),
                                        new Value("bin", "Public bin"), new Value("other", "Something else"))))),
                new Service("vandalism", "Vandalism", "Deliberate damage to public property.", "vandalism, damage",
                        "street", EventType.VANDALISM, null, List.of()),
                new Service("public_disorder", "Disturbance in a public place", "A disturbance in a street, square "
                        + "or park. This is not an emergency line.", "disturbance, disorder", "safety",
                        EventType.PUBLIC_DISORDER, "This form is not an emergency line: if anyone is in danger, call "
                        + "17 (police) or 112.", List.of()),
                new Service("flooding", "Flooding or water on the street", "Water covering a street or pavement, "
                        + "or a blocked drain overflowing.", "flood, water, drain", "street", EventType.FLOODING, null,
                        List.of(choice("depth", 1, "How deep is the water?", true, List.of(
                                new Value("puddle", "A large puddle"), new Value("ankle", "Ankle deep"),
                                new Value("knee", "Knee deep or more")))))));
    }
}
