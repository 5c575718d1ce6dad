package org.vigie.feeds.gtfs;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.TextFormat;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TranslatedString;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import java.util.List;
import java.util.Locale;

/** Texts taken from GTFS-Realtime messages: alert texts in the preferred language, entities for the quarantine. */
final class RealtimeText {
    static final int MAX_TEXT = 1024;
    /**
     * Field 3 of VehicleDescriptor holds the vehicle's registration number. Vigie never reads it, and removes it
     * from the text of any entity it keeps, so that the quarantine holds nothing that points to an owner.
     */
    private static final FieldDescriptor REGISTRATION = VehicleDescriptor.getDescriptor().findFieldByNumber(3);

    private RealtimeText() {
    }

    /** The translation in the first preferred language that has one, else the untagged one, else the first. */
    static String pick(TranslatedString text, List<String> languages) {
        if (text.getTranslationCount() == 0) {
            return null;
        }
        for (String lang : languages) {
            for (TranslatedString.Translation t : text.getTranslationList()) {
                if (t.hasLanguage() && t.getLanguage().toLowerCase(Locale.ROOT).startsWith(lang.toLowerCase(Locale.ROOT))) {
                    return clean(t.getText());
                }
            }
        }
        for (TranslatedString.Translation t : text.getTranslationList()) {
            if (!t.hasLanguage() || t.getLanguage().isBlank()) {
                return clean(t.getText());
            }
        }
        return clean(text.getTranslation(0).getText());
    }

    /** One line, trimmed, within the size of an event attribute; null when nothing is left. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String one = s.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
        if (one.isEmpty()) {
            return null;
        }
        return one.length() <= MAX_TEXT ? one : one.substring(0, MAX_TEXT - 1) + "…";
    }

    /** The entity as protobuf text, for a person reading the quarantine; without the registration field. */
    static String raw(FeedEntity entity) {
        FeedEntity.Builder b = entity.toBuilder();
        if (b.hasVehicle() && b.getVehicleBuilder().hasVehicle()) {
            b.getVehicleBuilder().getVehicleBuilder().clearField(REGISTRATION);
        }
        if (b.hasTripUpdate() && b.getTripUpdateBuilder().hasVehicle()) {
            b.getTripUpdateBuilder().getVehicleBuilder().clearField(REGISTRATION);
        }
        return TextFormat.printer().printToString(b.buildPartial());
    }
}
