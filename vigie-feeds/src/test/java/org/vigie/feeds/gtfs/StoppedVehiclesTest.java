package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.feeds.gtfs.RealtimeDocs.doc;
import static org.vigie.feeds.gtfs.RealtimeDocs.entity;
import static org.vigie.feeds.gtfs.RealtimeDocs.vehicle;

import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;
import com.google.transit.realtime.GtfsRealtime.VehiclePosition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

/** A metro train of M1 between La Rose and Frais Vallon (102 s scheduled), polled every 30 s. */
class StoppedVehiclesTest {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration POLL = Duration.ofSeconds(30);
    private final GtfsFeed rtm = TransitData.rtm();
    private final Stop laRose = rtm.stops().get(TransitData.LA_ROSE_M1);
    private final Stop fraisVallon = rtm.stops().get(TransitData.FRAIS_VALLON_M1);
    private final double midLat = (laRose.lat() + fraisVallon.lat()) / 2;
    private final double midLon = (laRose.lon() + fraisVallon.lon()) / 2;
    private GtfsRealtimeFormat format = new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults());

    private FeedBatch poll(Instant at, VehiclePosition.Builder v) throws FeedParseException {
        return format.parse(doc(at, entity("e1", v)), new FeedContext("rtm", at.plusSeconds(3)));
    }

    /** Polls every 30 s for {@code minutes}, the vehicle where {@code where} puts it at each poll index. */
    private List<FeedBatch> polls(int minutes, Function<Integer, VehiclePosition.Builder> where) throws FeedParseException {
        var out = new ArrayList<FeedBatch>();
        for (int i = 0; i <= minutes * 2; i++) {
            out.add(poll(T0.plus(POLL.multipliedBy(i)), where.apply(i)));
        }
        return out;
    }

    private VehiclePosition.Builder standing(int i) {
        // GPS noise of a few metres around one place.
        double[] p = GeoMath.offset(midLat, midLon, (i % 3) * 4, (i * 97) % 360);
        return vehicle("M1-07", TransitData.M1, p[0], p[1]);
    }

    @Test
    void theUsualRunIsTheScheduledOne() {
        assertThat(rtm.usualRunSeconds(TransitData.LA_ROSE_M1, TransitData.FRAIS_VALLON_M1)).hasValue(102);
    }

    @Test
    void aTrainStandingTenMinutesBetweenStationsGivesOneEventRepeatedWithTheSameId() throws FeedParseException {
        List<FeedBatch> batches = polls(14, this::standing);
        // 5 × 102 s is less than the 10-minute floor: the event comes at the twentieth poll, 600 s in.
        for (int i = 0; i < 20; i++) {
            assertThat(batches.get(i).events()).as("poll " + i).isEmpty();
        }
        List<Event> events = batches.subList(20, batches.size()).stream().flatMap(b -> b.events().stream()).toList();
        assertThat(events).hasSize(batches.size() - 20);
        assertThat(events).extracting(Event::id).containsOnly(events.get(0).id());
        Event e = events.get(0);
        assertThat(e.occurredAt()).isEqualTo(T0);
        assertThat(e.attributes().asMap()).containsEntry("kind", "vehicle_stopped").containsEntry("vehicle_id", "M1-07")
                .containsEntry("line", "M1").containsEntry("mode", "metro").containsEntry("usual_seconds", 102L)
                .containsEntry("threshold_seconds", 600L).containsEntry("stopped_seconds", 600L);
        assertThat(e.attributes().findText("between")).hasValueSatisfying(b ->
                assertThat(b).isIn("La Rose → Frais Vallon", "Frais Vallon → La Rose"));
        assertThat(e.attributes().findText("near")).hasValueSatisfying(n -> assertThat(n).matches("\\d+ m from .*"));
        assertThat(e.location().accuracyMeters()).isEqualTo(30);
        assertThat(batches).allSatisfy(b -> assertThat(b.rejected()).isEmpty());
    }

    @Test
    void aMovingTrainGivesNothing() throws FeedParseException {
        List<FeedBatch> batches = polls(14, i -> {
            double f = (i % 10) / 10.0; // runs La Rose → Frais Vallon again and again
            return vehicle("M1-07", TransitData.M1, laRose.lat() + f * (fraisVallon.lat() - laRose.lat()),
                    laRose.lon() + f * (fraisVallon.lon() - laRose.lon()));
        });
        assertThat(batches).allSatisfy(b -> assertThat(b.events()).isEmpty());
    }

    @Test
    void aTrainWaitingAtAStationOrSayingItIsStoppedAtOneGivesNothing() throws FeedParseException {
        assertThat(polls(14, i -> vehicle("M1-07", TransitData.M1, laRose.lat(), laRose.lon())))
                .allSatisfy(b -> assertThat(b.events()).isEmpty());
        format = new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults());
        assertThat(polls(14, i -> standing(i).setCurrentStatus(VehiclePosition.VehicleStopStatus.STOPPED_AT)))
                .allSatisfy(b -> assertThat(b.events()).isEmpty());
    }

    @Test
    void aVehicleAwayFromItsRouteIsNotJudged() throws FeedParseException {
        double[] depot = GeoMath.offset(midLat, midLon, 2_000, 300);
        assertThat(polls(14, i -> vehicle("M1-07", TransitData.M1, depot[0], depot[1])))
                .allSatisfy(b -> assertThat(b.events()).isEmpty());
    }

    @Test
    void positionsTooFarApartInTimeSayNothingOfTheTimeBetween() throws FeedParseException {
        for (int i = 0; i < 5; i++) {
            assertThat(poll(T0.plus(Duration.ofMinutes(6L * i)), standing(0)).events()).isEmpty();
        }
    }

    @Test
    void aLongerRunNeedsALongerStand() throws FeedParseException {
        format = new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults().withStopped(8, Duration.ofMinutes(2)));
        List<FeedBatch> batches = polls(15, this::standing);
        int first = 0;
        while (batches.get(first).events().isEmpty()) {
            first++;
        }
        assertThat(first * 30L).isEqualTo(8 * 102 + 24); // the first poll at or past 816 s
        assertThat(batches.get(first).events().get(0).attributes().findNumber("threshold_seconds")).contains(816.0);
    }

    @Test
    void theTripAndTheStopItHeadsForNameTheStretch() throws FeedParseException {
        String trip = "RTM-186395_01M1HSA0101"; // La Rose → La Fourragère
        List<FeedBatch> batches = polls(11, i -> standing(i)
                .setTrip(TripDescriptor.newBuilder().setTripId(trip).setStartDate("20261129"))
                .setStopId(TransitData.FRAIS_VALLON_M1));
        Event e = batches.get(batches.size() - 1).events().get(0);
        assertThat(e.attributes().asMap()).containsEntry("between", "La Rose → Frais Vallon").containsEntry("trip_id", trip);
    }

    @Test
    void aReplayedOlderDocumentChangesNothing() throws FeedParseException {
        List<FeedBatch> batches = polls(12, this::standing);
        Event e = batches.get(batches.size() - 1).events().get(0);
        // The first document again: older than what was seen, it says nothing new and does not reset the stand.
        assertThat(poll(T0, standing(0)).events()).isEmpty();
        FeedBatch next = poll(T0.plus(Duration.ofMinutes(12)).plus(POLL), standing(1));
        assertThat(next.events()).extracting(Event::id).containsExactly(e.id());
        // The latest document again: the same event.
        assertThat(poll(T0.plus(Duration.ofMinutes(12)).plus(POLL), standing(1)).events()).extracting(Event::id)
                .containsExactly(e.id());
    }

    @Test
    void aPositionThatIsNotAPlaceIsRejectedWithoutTheRegistrationField() throws FeedParseException {
        var v = vehicle("M1-07", TransitData.M1, 0, 0);
        // Field 3 of the descriptor is the registration number: it must never reach the quarantine.
        v.setVehicle(VehicleDescriptor.newBuilder().setId("M1-07")
                .setField(VehicleDescriptor.getDescriptor().findFieldByNumber(3), "AB-123-CD"));
        FeedBatch b = poll(T0, v);
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo("position (0.0, 0.0) is not a place (0, 0 is what a receiver without a fix"
                    + " sends)");
            assertThat(r.raw()).contains("M1-07").doesNotContain("AB-123-CD");
        });
    }

    @Test
    void stateIsKeptPerSource() throws FeedParseException {
        polls(12, this::standing);
        Instant at = T0.plus(Duration.ofMinutes(12));
        FeedBatch other = format.parse(doc(at, entity("e1", standing(0))), new FeedContext("other-rtm-feed", at));
        assertThat(other.events()).isEmpty();
    }
}
