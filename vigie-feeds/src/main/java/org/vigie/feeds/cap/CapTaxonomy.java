package org.vigie.feeds.cap;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Severity;

/**
 * CAP's words mapped to Vigie's: which {@link EventType} an {@code <info>} announces, its {@link Severity}, and how
 * sure it is.
 *
 * <p>The type comes first from what the alert names — Vigie's own event code ({@code vigie:event-type}, in
 * alerts another Vigie publishes), the SAME/EAS event code (used across North America), then
 * words of {@code <event>} and the other event codes (English and French: CAP-AU, CAP-CP and Météo-France write
 * {@code bushFire}, {@code thunderstorm}, {@code orages}) — because the category alone is too coarse: a
 * {@code Met} alert may be a storm or a flood. Only when no word is known does the category decide, and then only
 * where it names one situation: {@code Fire} → fire, {@code Met} → weather, {@code Health} → medical emergency,
 * {@code CBRNE} → hazmat, {@code Transport} → traffic disruption. {@code Security}, {@code Rescue}, {@code Safety},
 * {@code Geo}, {@code Env}, {@code Infra} and {@code Other} cover too many different situations (a child
 * abduction, a terror threat level, an earthquake), so they map to {@code other} unless the words say more.
 */
final class CapTaxonomy {
    /** SAME / EAS event codes (47 CFR 11.31) that name a situation Vigie knows. */
    private static final Map<String, EventType> SAME = Map.ofEntries(
            Map.entry("FRW", EventType.FIRE),
            Map.entry("FFW", EventType.FLOODING), Map.entry("FFA", EventType.FLOODING), Map.entry("FFS", EventType.FLOODING),
            Map.entry("FLW", EventType.FLOODING), Map.entry("FLA", EventType.FLOODING), Map.entry("FLS", EventType.FLOODING),
            Map.entry("CFW", EventType.FLOODING), Map.entry("CFA", EventType.FLOODING), Map.entry("SSW", EventType.FLOODING),
            Map.entry("SSA", EventType.FLOODING), Map.entry("TSW", EventType.FLOODING), Map.entry("TSA", EventType.FLOODING),
            Map.entry("DBW", EventType.FLOODING), Map.entry("DBA", EventType.FLOODING),
            Map.entry("SVR", EventType.WEATHER), Map.entry("SVA", EventType.WEATHER), Map.entry("SVS", EventType.WEATHER),
            Map.entry("TOR", EventType.WEATHER), Map.entry("TOA", EventType.WEATHER), Map.entry("WSW", EventType.WEATHER),
            Map.entry("WSA", EventType.WEATHER), Map.entry("BZW", EventType.WEATHER), Map.entry("HWW", EventType.WEATHER),
            Map.entry("HWA", EventType.WEATHER), Map.entry("HUW", EventType.WEATHER), Map.entry("HUA", EventType.WEATHER),
            Map.entry("HLS", EventType.WEATHER), Map.entry("TRW", EventType.WEATHER), Map.entry("TRA", EventType.WEATHER),
            Map.entry("EWW", EventType.WEATHER), Map.entry("DSW", EventType.WEATHER), Map.entry("SQW", EventType.WEATHER),
            Map.entry("SMW", EventType.WEATHER), Map.entry("SPS", EventType.WEATHER), Map.entry("ECW", EventType.WEATHER),
            Map.entry("HMW", EventType.HAZMAT), Map.entry("RHW", EventType.HAZMAT), Map.entry("NUW", EventType.HAZMAT),
            Map.entry("BHW", EventType.HAZMAT), Map.entry("CHW", EventType.HAZMAT));

    /**
     * Words of {@code <event>} or an event code, lower case, most specific first. A word matches at the start of a
     * word of the text ("flood" in "flooding", not "heat" in "theatre").
     */
    private static final List<Map.Entry<String, EventType>> WORDS = List.of(
            Map.entry("fire weather", EventType.WEATHER),
            Map.entry("red flag", EventType.WEATHER),
            Map.entry("feux de forêt", EventType.FIRE), // Météo-France's forest-fire danger is still about fire
            Map.entry("smoke", EventType.SMOKE),
            Map.entry("fumée", EventType.SMOKE),
            Map.entry("hazmat", EventType.HAZMAT),
            Map.entry("hazardous material", EventType.HAZMAT),
            Map.entry("chemical", EventType.HAZMAT),
            Map.entry("chimique", EventType.HAZMAT),
            Map.entry("radiolog", EventType.HAZMAT),
            Map.entry("nuclear", EventType.HAZMAT),
            Map.entry("nucléaire", EventType.HAZMAT),
            Map.entry("gas leak", EventType.HAZMAT),
            Map.entry("fuite de gaz", EventType.HAZMAT),
            Map.entry("toxic", EventType.HAZMAT),
            Map.entry("firearm", EventType.WEAPON),
            Map.entry("armed person", EventType.WEAPON),
            Map.entry("explosion", EventType.EXPLOSION),
            Map.entry("bomb", EventType.EXPLOSION),
            Map.entry("shooting", EventType.GUNSHOT),
            Map.entry("shooter", EventType.GUNSHOT),
            Map.entry("gunfire", EventType.GUNSHOT),
            Map.entry("shots fired", EventType.GUNSHOT),
            Map.entry("fusillade", EventType.GUNSHOT),
            Map.entry("tirs", EventType.GUNSHOT),
            Map.entry("riot", EventType.PUBLIC_DISORDER),
            Map.entry("civil disturbance", EventType.PUBLIC_DISORDER),
            Map.entry("civil unrest", EventType.PUBLIC_DISORDER),
            Map.entry("émeute", EventType.PUBLIC_DISORDER),
            Map.entry("wildfire", EventType.FIRE),
            Map.entry("bushfire", EventType.FIRE),
            Map.entry("grassfire", EventType.FIRE),
            Map.entry("forest fire", EventType.FIRE),
            Map.entry("incendie", EventType.FIRE),
            Map.entry("fire", EventType.FIRE),
            Map.entry("tsunami", EventType.FLOODING),
            Map.entry("storm surge", EventType.FLOODING),
            Map.entry("flood", EventType.FLOODING),
            Map.entry("inondation", EventType.FLOODING),
            Map.entry("crue", EventType.FLOODING),
            Map.entry("submersion", EventType.FLOODING),
            Map.entry("traffic", EventType.TRAFFIC_DISRUPTION),
            Map.entry("road closure", EventType.TRAFFIC_DISRUPTION),
            Map.entry("circulation", EventType.TRAFFIC_DISRUPTION),
            Map.entry("collision", EventType.ROAD_ACCIDENT),
            Map.entry("car accident", EventType.ROAD_ACCIDENT),
            Map.entry("motor vehicle accident", EventType.ROAD_ACCIDENT),
            Map.entry("road accident", EventType.ROAD_ACCIDENT),
            Map.entry("accident de la route", EventType.ROAD_ACCIDENT),
            Map.entry("outbreak", EventType.MEDICAL_EMERGENCY),
            Map.entry("epidemic", EventType.MEDICAL_EMERGENCY),
            Map.entry("épidémie", EventType.MEDICAL_EMERGENCY),
            Map.entry("medical", EventType.MEDICAL_EMERGENCY),
            Map.entry("thunderstorm", EventType.WEATHER),
            Map.entry("storm", EventType.WEATHER),
            Map.entry("tornado", EventType.WEATHER),
            Map.entry("hurricane", EventType.WEATHER),
            Map.entry("cyclone", EventType.WEATHER),
            Map.entry("blizzard", EventType.WEATHER),
            Map.entry("snow", EventType.WEATHER),
            Map.entry("rainfall", EventType.WEATHER),
            Map.entry("heavy rain", EventType.WEATHER),
            Map.entry("freezing", EventType.WEATHER),
            Map.entry("wind", EventType.WEATHER),
            Map.entry("heat", EventType.WEATHER),
            Map.entry("hail", EventType.WEATHER),
            Map.entry("fog", EventType.WEATHER),
            Map.entry("orage", EventType.WEATHER),
            Map.entry("neige", EventType.WEATHER),
            Map.entry("verglas", EventType.WEATHER),
            Map.entry("canicule", EventType.WEATHER),
            Map.entry("grand froid", EventType.WEATHER),
            Map.entry("vent violent", EventType.WEATHER),
            Map.entry("vagues", EventType.WEATHER),
            Map.entry("pluie", EventType.WEATHER),
            Map.entry("tempête", EventType.WEATHER));

    private static final List<Map.Entry<Pattern, EventType>> PATTERNS = WORDS.stream()
            .map(w -> Map.entry(Pattern.compile("(?<!\\p{L})" + Pattern.quote(w.getKey())), w.getValue()))
            .toList();

    private CapTaxonomy() {
    }

    static EventType typeOf(CapAlert.Info info) {
        for (CapAlert.Code code : info.eventCodes()) {
            if (code.name().equals(CapAlertWriter.EVENT_TYPE_CODE)) {
                var exact = EventType.fromJson(code.value());
                if (exact.isPresent()) {
                    return exact.get(); // another Vigie's alert names the type exactly
                }
            }
        }
        for (CapAlert.Code code : info.eventCodes()) {
            if (code.name().equalsIgnoreCase("SAME")) {
                EventType t = SAME.get(code.value().toUpperCase(Locale.ROOT));
                if (t != null) {
                    return t;
                }
            }
        }
        var text = new StringBuilder(spaced(info.event()));
        for (CapAlert.Code code : info.eventCodes()) {
            if (!code.name().equalsIgnoreCase("SAME")) {
                text.append(" | ").append(spaced(code.value()));
            }
        }
        String words = text.toString().toLowerCase(Locale.ROOT);
        for (var w : PATTERNS) {
            if (w.getKey().matcher(words).find()) {
                return w.getValue();
            }
        }
        for (String category : info.categories()) {
            EventType t = switch (category) {
                case "Fire" -> EventType.FIRE;
                case "Met" -> EventType.WEATHER;
                case "Health" -> EventType.MEDICAL_EMERGENCY;
                case "CBRNE" -> EventType.HAZMAT;
                case "Transport" -> EventType.TRAFFIC_DISRUPTION;
                default -> null;
            };
            if (t != null) {
                return t;
            }
        }
        return EventType.OTHER;
    }

    /** Codes such as {@code grassFire} and {@code structure_fire} read as "grass Fire" and "structure fire". */
    private static String spaced(String code) {
        return code.replaceAll("([a-z])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
    }

    static Severity severityOf(CapAlert.Info info) {
        return switch (info.severity()) {
            case "Extreme" -> Severity.EXTREME;
            case "Severe" -> Severity.SEVERE;
            case "Moderate" -> Severity.MODERATE;
            case "Minor" -> Severity.MINOR;
            default -> Severity.UNKNOWN;
        };
    }

    /**
     * How sure the announced situation is: CAP's certainty as a probability (Observed: it happened; Likely:
     * p &gt; ~50 %; Possible: p ≤ ~50 %; Unlikely: p ≈ 0), lowered a little for a {@code Future} urgency, which is
     * a forecast further out than {@code Expected}. {@code Past} keeps its certainty: what was observed stays so.
     */
    static double confidenceOf(CapAlert.Info info) {
        double certainty = switch (info.certainty()) {
            case "Observed" -> 0.95;
            case "Very Likely" -> 0.85;
            case "Likely" -> 0.75;
            case "Possible" -> 0.4;
            case "Unlikely" -> 0.05;
            default -> 0.5;
        };
        double urgency = info.urgency().equals("Future") ? 0.8 : 1.0;
        return certainty * urgency;
    }
}
