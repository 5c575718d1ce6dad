package org.vigie.feeds.open311;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vigie.core.model.EventType;

/**
 * Which event type another city's service request becomes. Cities name their services freely ("SW-Graffiti
 * Removal", "BGE-StLight(s) Out", "Sidewalk and Curb Issues", "Dépôt sauvage"), so the table matches words of
 * the code and the name, in English and French, most specific family first; what matches nothing is
 * {@link EventType#OTHER}, never dropped. A code that is a Vigie citizen type's own name (what another Vigie
 * publishes) maps to that type directly.
 */
public final class ServiceTypes {
    /** The types citizens report, and so the only ones a code may name directly. */
    public static final Set<EventType> CITIZEN_TYPES = Set.of(EventType.GRAFFITI, EventType.STREETLIGHT_OUTAGE,
            EventType.WASTE, EventType.ROAD_HAZARD, EventType.NOISE, EventType.STREET_FURNITURE_DAMAGE,
            EventType.VANDALISM, EventType.PUBLIC_DISORDER, EventType.FLOODING);

    private final Map<EventType, Pattern> table;

    /** @param table checked in iteration order; each pattern is matched against normalised words */
    public ServiceTypes(Map<EventType, Pattern> table) {
        this.table = new LinkedHashMap<>(table);
    }

    public static ServiceTypes defaults() {
        var t = new LinkedHashMap<EventType, Pattern>();
        t.put(EventType.GRAFFITI, words("graffiti", "graffitis", "tag", "tags", "tagging"));
        t.put(EventType.STREETLIGHT_OUTAGE, words("street ?lights?", "st ?lights?", "st ?light ?s", "st ?lighting",
                "street ?lighting", "lamp ?posts?", "lights? out", "eclairage", "lampadaires?", "candelabres?"));
        t.put(EventType.FLOODING, words("flood", "floods", "flooding", "flooded", "standing water", "inondations?",
                "inonde"));
        t.put(EventType.NOISE, words("noise", "noisy", "loud", "bruits?", "nuisances? sonores?", "tapage"));
        t.put(EventType.VANDALISM, words("vandalism", "vandalised", "vandalized", "vandalisme", "degradations?"));
        t.put(EventType.PUBLIC_DISORDER, words("disorder", "disturbance", "disorderly", "fight", "fights",
                "rixes?", "trouble a l ordre public"));
        t.put(EventType.WASTE, words("trash", "garbage", "refuse", "litter", "littering", "dumping", "dumped", "bulk",
                "bulky", "rubbish", "waste", "sanitation", "recycling", "cans?", "bins?", "dirty (street|alley)",
                "dechets?", "ordures?", "encombrants?", "depots? sauvages?", "proprete", "poubelles?"));
        t.put(EventType.ROAD_HAZARD, words("potholes?", "sinkholes?", "sidewalks?", "curbs?", "kerbs?", "footways?",
                "pavements?", "manholes?", "construction plate", "fallen (limb|tree|branch)", "debris",
                "road (hazard|damage|defect)", "street (defect|damage)", "nids? de poule", "chaussee", "trottoirs?",
                "voirie", "plaque d egout"));
        t.put(EventType.STREET_FURNITURE_DAMAGE, words("bench", "benches", "signs?", "signal", "signals",
                "bollards?", "bus shelters?", "hydrants?", "street furniture", "mobilier urbain", "panneaux?",
                "abribus", "bancs?", "potelets?", "feux tricolores"));
        return new ServiceTypes(t);
    }

    private static Pattern words(String... alternatives) {
        return Pattern.compile("(?:^| )(?:" + String.join("|", alternatives) + ")(?: |$)");
    }

    public EventType typeOf(String serviceCode, String serviceName) {
        if (serviceCode != null) {
            Optional<EventType> own = EventType.fromJson(serviceCode.trim()).filter(CITIZEN_TYPES::contains);
            if (own.isPresent()) {
                return own.get();
            }
        }
        List<String> texts = List.of(normalise(serviceName), normalise(serviceCode));
        for (var e : table.entrySet()) {
            for (String text : texts) {
                if (e.getValue().matcher(text).find()) {
                    return e.getKey();
                }
            }
        }
        return EventType.OTHER;
    }

    /** Lower case, accents removed, every run of non-letters a single space: "StLight(s) Out" → "stlight s out". */
    static String normalise(String s) {
        if (s == null) {
            return "";
        }
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        // camelCase and code prefixes ("SW-Dirty", "StLight") split into words.
        plain = plain.replaceAll("(\\p{Ll})(\\p{Lu})", "$1 $2");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }

    @Override
    public String toString() {
        return table.keySet().stream().map(EventType::jsonName).collect(Collectors.joining(", ", "ServiceTypes[", "]"));
    }
}
