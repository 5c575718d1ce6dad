package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.feeds.gtfs.RealtimeDocs.doc;

import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeEvent;
import com.google.transit.realtime.GtfsRealtime.TripUpdate.StopTimeUpdate;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.core.model.Event;
import org.vigie.core.model.Severity;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

class TripDelaysTest {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final String TRIP = "RTM-186395_01M1HSA0101";
    private final GtfsFeed rtm = TransitData.rtm();
    private final GtfsRealtimeFormat format = new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults());

    @TempDir
    Path tmp;

    private static FeedEntity late(String trip, String stopId, int delaySeconds) {
        return FeedEntity.newBuilder().setId("tu-" + trip).setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId(trip).setStartDate("20261129"))
                .addStopTimeUpdate(StopTimeUpdate.newBuilder().setStopId(stopId)
                        .setArrival(StopTimeEvent.newBuilder().setDelay(delaySeconds)))).build();
    }

    private FeedBatch parse(GtfsRealtimeFormat f, Instant at, FeedEntity... e) throws FeedParseException {
        return f.parse(doc(at, e), new FeedContext("rtm", at));
    }

    @Test
    void aTripFortyMinutesLateGivesOneEventAtTheStationWhereItIsLatest() throws FeedParseException {
        FeedBatch b = parse(format, T0, late(TRIP, TransitData.FRAIS_VALLON_M1, 40 * 60));
        Event e = b.events().get(0);
        assertThat(b.events()).hasSize(1);
        assertThat(e.attributes().asMap()).containsEntry("kind", "trip_delay").containsEntry("delay_seconds", 2400L)
                .containsEntry("station", "Frais Vallon (metro M1)").containsEntry("line", "M1");
        assertThat(e.severity()).isEqualTo(Severity.MINOR);
        assertThat(e.occurredAt()).isEqualTo(T0);
        // Polled again, later and later: the same event.
        FeedBatch again = parse(format, T0.plusSeconds(60), late(TRIP, TransitData.FRAIS_VALLON_M1, 42 * 60));
        assertThat(again.events()).extracting(Event::id).containsExactly(e.id());
    }

    @Test
    void ordinaryDelaysGiveNothingAndTheThresholdCanBeTurnedOff() throws FeedParseException {
        assertThat(parse(format, T0, late(TRIP, TransitData.FRAIS_VALLON_M1, 5 * 60)).events()).isEmpty();
        var off = new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults().withDelayThreshold(Duration.ZERO));
        assertThat(parse(off, T0, late(TRIP, TransitData.FRAIS_VALLON_M1, 90 * 60)).events()).isEmpty();
    }

    @Test
    void aCancelledTripGivesNothing() throws FeedParseException {
        FeedEntity cancelled = late(TRIP, TransitData.FRAIS_VALLON_M1, 3600).toBuilder()
                .setTripUpdate(late(TRIP, TransitData.FRAIS_VALLON_M1, 3600).getTripUpdate().toBuilder()
                        .setTrip(TripDescriptor.newBuilder().setTripId(TRIP)
                                .setScheduleRelationship(TripDescriptor.ScheduleRelationship.CANCELED))).build();
        assertThat(parse(format, T0, cancelled).events()).isEmpty();
    }

    @Test
    void aLateTripThatCannotBePlacedIsRejected() throws FeedParseException {
        FeedBatch b = parse(format, T0, late("unknown-trip", "RTM-99999999", 3600));
        assertThat(b.rejected()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo(
                "trip 'unknown-trip' is 60 min late, but its stop_id 'RTM-99999999' is not in the static GTFS, so it"
                        + " cannot be placed"));
    }

    @Test
    void aDelayIsAlsoReadFromPredictedTimesAgainstTheSchedule() throws FeedParseException, IOException {
        GtfsFeed small = GtfsFeedReader.read(TransitData.zip(tmp.resolve("f.zip"), TransitData.minimal()));
        var f = new GtfsRealtimeFormat(small, RealtimeSettings.defaults());
        // T reaches B at 08:02 Paris time on 2026-11-30; predicted 08:47.
        long predicted = ZonedDateTime.of(2026, 11, 30, 8, 47, 0, 0, ZoneId.of("Europe/Paris")).toEpochSecond();
        FeedEntity e = FeedEntity.newBuilder().setId("1").setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T").setStartDate("20261130"))
                .addStopTimeUpdate(StopTimeUpdate.newBuilder().setStopSequence(2)
                        .setArrival(StopTimeEvent.newBuilder().setTime(predicted)))).build();
        Instant at = Instant.ofEpochSecond(predicted - 1800);
        FeedBatch b = parse(f, at, e);
        assertThat(b.events()).singleElement().satisfies(ev -> {
            assertThat(ev.attributes().findNumber("delay_seconds")).contains(2700.0);
            assertThat(ev.attributes().findText("station")).contains("Beta (bus 1)");
        });
    }
}
