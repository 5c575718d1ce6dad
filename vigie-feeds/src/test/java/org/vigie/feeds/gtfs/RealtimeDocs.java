package org.vigie.feeds.gtfs;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.Position;
import com.google.transit.realtime.GtfsRealtime.TimeRange;
import com.google.transit.realtime.GtfsRealtime.TranslatedString;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import java.time.Instant;

/** GTFS-Realtime documents built for tests with the bindings' own builders. */
final class RealtimeDocs {
    private RealtimeDocs() {
    }

    static byte[] doc(Instant time, FeedEntity... entities) {
        var m = FeedMessage.newBuilder().setHeader(FeedHeader.newBuilder().setGtfsRealtimeVersion("2.0")
                .setIncrementality(FeedHeader.Incrementality.FULL_DATASET).setTimestamp(time.getEpochSecond()));
        for (FeedEntity e : entities) {
            m.addEntity(e);
        }
        return m.buildPartial().toByteArray(); // partial: tests send broken entities too
    }

    static TranslatedString text(String... languageAndText) {
        var t = TranslatedString.newBuilder();
        for (int i = 0; i < languageAndText.length; i += 2) {
            var tr = TranslatedString.Translation.newBuilder().setText(languageAndText[i + 1]);
            if (languageAndText[i] != null) {
                tr.setLanguage(languageAndText[i]);
            }
            t.addTranslation(tr);
        }
        return t.build();
    }

    static EntitySelector stop(String stopId) {
        return EntitySelector.newBuilder().setStopId(stopId).build();
    }

    static EntitySelector route(String routeId) {
        return EntitySelector.newBuilder().setRouteId(routeId).build();
    }

    static TimeRange period(Instant start, Instant end) {
        var r = TimeRange.newBuilder();
        if (start != null) {
            r.setStart(start.getEpochSecond());
        }
        if (end != null) {
            r.setEnd(end.getEpochSecond());
        }
        return r.build();
    }

    static FeedEntity alert(String id, Alert.Builder alert) {
        return FeedEntity.newBuilder().setId(id).setAlert(alert).build();
    }

    static VehiclePosition.Builder vehicle(String vehicleId, String routeId, double lat, double lon) {
        return VehiclePosition.newBuilder()
                .setVehicle(VehicleDescriptor.newBuilder().setId(vehicleId))
                .setTrip(TripDescriptor.newBuilder().setRouteId(routeId))
                .setPosition(Position.newBuilder().setLatitude((float) lat).setLongitude((float) lon));
    }

    static FeedEntity entity(String id, VehiclePosition.Builder v) {
        return FeedEntity.newBuilder().setId(id).setVehicle(v).build();
    }
}
