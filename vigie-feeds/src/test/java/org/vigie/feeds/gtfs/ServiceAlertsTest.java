package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.feeds.gtfs.RealtimeDocs.alert;
import static org.vigie.feeds.gtfs.RealtimeDocs.doc;
import static org.vigie.feeds.gtfs.RealtimeDocs.period;
import static org.vigie.feeds.gtfs.RealtimeDocs.route;
import static org.vigie.feeds.gtfs.RealtimeDocs.stop;
import static org.vigie.feeds.gtfs.RealtimeDocs.text;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

class ServiceAlertsTest {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private final GtfsFeed rtm = TransitData.rtm();
    private final GtfsRealtimeFormat format = new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults());

    private FeedBatch parse(GtfsRealtimeFormat f, Instant at, FeedEntity... entities) throws FeedParseException {
        return f.parse(doc(at, entities), new FeedContext("rtm", at.plusSeconds(5)));
    }

    private FeedBatch parse(Instant at, FeedEntity... entities) throws FeedParseException {
        return parse(format, at, entities);
    }

    private static Alert.Builder noaillesClosed() {
        return Alert.newBuilder()
                .addActivePeriod(period(T0.minusSeconds(600), T0.plus(Duration.ofHours(2))))
                .addInformedEntity(stop(TransitData.NOAILLES_M2))
                .setCause(Alert.Cause.POLICE_ACTIVITY)
                .setEffect(Alert.Effect.NO_SERVICE)
                .setHeaderText(text("en", "Noailles station closed", "fr", "Station Noailles fermée"));
    }

    @Test
    void anAlertOnAStopBecomesOneDisruptionAtItsStation() throws FeedParseException {
        FeedBatch b = parse(T0, alert("a-1", noaillesClosed()));
        assertThat(b.records()).isEqualTo(1);
        assertThat(b.rejected()).isEmpty();
        Event e = b.events().get(0);
        assertThat(b.events()).hasSize(1);
        Station noailles = rtm.stations().findByStop(TransitData.NOAILLES_M2).orElseThrow();
        assertThat(e.type()).isEqualTo(EventType.TRANSIT_DISRUPTION);
        assertThat(e.source().kind()).isEqualTo(SourceKind.TRANSIT);
        assertThat(e.source().id()).isEqualTo("rtm");
        assertThat(e.location().lat()).isEqualTo(noailles.lat());
        assertThat(e.location().lon()).isEqualTo(noailles.lon());
        assertThat(e.occurredAt()).isEqualTo(T0.minusSeconds(600));
        assertThat(e.severity()).isEqualTo(Severity.MODERATE); // no service
        assertThat(e.attributes().asMap()).containsEntry("kind", "service_alert").containsEntry("alert_id", "a-1")
                .containsEntry("header_text", "Station Noailles fermée") // French first by default
                .containsEntry("cause", "police_activity").containsEntry("effect", "no_service")
                .containsEntry("station", "Noailles (metro M2)").containsEntry("active_until", "2026-11-29T10:00:00Z");
    }

    @Test
    void theSameAlertPolledAgainGivesTheSameEventsAndAnEditedOneNewOnes() throws FeedParseException {
        var first = parse(T0, alert("a-1", noaillesClosed())).events();
        var again = parse(T0.plusSeconds(30), alert("a-1", noaillesClosed())).events();
        var fresh = parse(new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults()), T0.plusSeconds(60),
                alert("a-1", noaillesClosed())).events();
        assertThat(again).extracting(Event::id, Event::occurredAt, Event::attributes)
                .isEqualTo(first.stream().map(e -> org.assertj.core.groups.Tuple.tuple(e.id(), e.occurredAt(),
                        e.attributes())).toList());
        assertThat(fresh).extracting(Event::id).isEqualTo(first.stream().map(Event::id).toList());
        var edited = parse(T0.plusSeconds(90), alert("a-1", noaillesClosed()
                .setHeaderText(text("fr", "Station Noailles fermée jusqu'à 10 h")))).events();
        assertThat(edited).extracting(Event::id).doesNotContainAnyElementsOf(first.stream().map(Event::id).toList());
    }

    @Test
    void anOpenEndedAlertKeepsTheTimeItWasFirstSeen() throws FeedParseException {
        Alert.Builder open = Alert.newBuilder().addInformedEntity(stop(TransitData.NOAILLES_M2))
                .setHeaderText(text(null, "Escalator out of order"));
        Event first = parse(T0, alert("a-2", open)).events().get(0);
        Event later = parse(T0.plus(Duration.ofMinutes(10)), alert("a-2", open)).events().get(0);
        assertThat(first.occurredAt()).isEqualTo(T0);
        assertThat(later.id()).isEqualTo(first.id());
        assertThat(later.occurredAt()).isEqualTo(T0);
        assertThat(first.attributes().findText("header_text")).contains("Escalator out of order");
    }

    @Test
    void aRouteWideAlertGivesOneEventPerStationOfTheLineOrOneOverItsArea() throws FeedParseException {
        Alert.Builder m2 = Alert.newBuilder().addInformedEntity(route(TransitData.M2)).setEffect(Alert.Effect.SIGNIFICANT_DELAYS);
        FeedBatch b = parse(T0, alert("a-3", m2));
        assertThat(b.events()).hasSize(13).allSatisfy(e -> assertThat(e.attributes().findText("lines")).contains("M2"));
        assertThat(b.events()).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(b.events()).extracting(e -> e.attributes().findText("station").orElseThrow())
                .contains("Gèze (metro M2)", "Noailles (metro M2)", "Castellane (metro M1, M2)");

        var bounded = new GtfsRealtimeFormat(rtm, RealtimeSettings.defaults().withMaxStationsPerAlert(10));
        FeedBatch area = parse(bounded, T0, alert("a-3", m2));
        assertThat(area.events()).singleElement().satisfies(e -> {
            assertThat(e.attributes().findNumber("stations")).contains(13.0);
            assertThat(e.location().accuracyMeters()).isBetween(3_000.0, 10_000.0); // Gèze to Sainte-Marguerite
        });
    }

    @Test
    void aNetworkWideAlertGivesOneEventOverTheWholeNetwork() throws FeedParseException {
        FeedBatch b = parse(T0, alert("strike", Alert.newBuilder().setCause(Alert.Cause.STRIKE)
                .addInformedEntity(EntitySelector.newBuilder().setAgencyId("RTM"))));
        assertThat(b.events()).singleElement().satisfies(e -> {
            assertThat(e.attributes().findNumber("stations")).contains(29.0);
            assertThat(e.attributes().findText("cause")).contains("strike");
        });
        FeedBatch metro = parse(T0, alert("metro", Alert.newBuilder()
                .addInformedEntity(EntitySelector.newBuilder().setRouteType(1))));
        // Every metro station: one event over them, like a network-wide alert, however few they are.
        assertThat(metro.events()).singleElement()
                .satisfies(e -> assertThat(e.attributes().findNumber("stations")).contains(29.0));
    }

    @Test
    void anAlertOnATripGivesItsStations() throws FeedParseException {
        FeedBatch b = parse(T0, alert("a-4", Alert.newBuilder().addInformedEntity(EntitySelector.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("RTM-196766_01M2HSA0101")))));
        assertThat(b.events()).hasSize(13);
    }

    @Test
    void anAlertThatNamesNothingKnownIsRejectedWithTheIdsItNamed() throws FeedParseException {
        FeedBatch b = parse(T0, alert("a-5", Alert.newBuilder().addInformedEntity(stop("RTM-99999999"))
                .addInformedEntity(route("T9"))), alert("a-6", Alert.newBuilder().setHeaderText(text(null, "?"))));
        assertThat(b.events()).isEmpty();
        assertThat(b.rejected()).hasSize(2);
        assertThat(b.rejected().get(0).ref()).isEqualTo("entity 1 (id 'a-5')");
        assertThat(b.rejected().get(0).reason()).isEqualTo("none of the alert's informed entities is in the static"
                + " GTFS (stop_id 'RTM-99999999', route_id 'T9'), so it cannot be placed");
        assertThat(b.rejected().get(0).raw()).contains("RTM-99999999");
        assertThat(b.rejected().get(1).reason()).startsWith("alert with no informed_entity");
    }

    @Test
    void aPartlyKnownAlertIsPlacedAndSaysWhatWasUnknown() throws FeedParseException {
        FeedBatch b = parse(T0, alert("a-7", Alert.newBuilder().addInformedEntity(stop(TransitData.NOAILLES_M2))
                .addInformedEntity(stop("RTM-99999999"))));
        assertThat(b.events()).singleElement().satisfies(e ->
                assertThat(e.attributes().findText("unknown_entities")).contains("stop_id 'RTM-99999999'"));
    }

    @Test
    void anAlertNotActiveNowGivesNothingUntilItIs() throws FeedParseException {
        Alert.Builder works = Alert.newBuilder().addInformedEntity(stop(TransitData.NOAILLES_M2))
                .addActivePeriod(period(T0.plus(Duration.ofDays(7)), T0.plus(Duration.ofDays(8))))
                .addActivePeriod(period(T0.minus(Duration.ofDays(8)), T0.minus(Duration.ofDays(7))));
        FeedBatch now = parse(T0, alert("works", works));
        assertThat(now.events()).isEmpty();
        assertThat(now.rejected()).isEmpty();
        assertThat(now.records()).isEqualTo(1);
        FeedBatch nextWeek = parse(T0.plus(Duration.ofDays(7)).plusSeconds(60), alert("works", works));
        assertThat(nextWeek.events()).singleElement()
                .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(T0.plus(Duration.ofDays(7))));
    }

    @Test
    void aDeletedEntityGivesNothingAndAnIncompleteOneIsRejected() throws FeedParseException {
        FeedBatch b = parse(T0, FeedEntity.newBuilder().setId("gone").setIsDeleted(true).setAlert(noaillesClosed()).build(),
                FeedEntity.newBuilder().setId("broken").setTripUpdate(
                        com.google.transit.realtime.GtfsRealtime.TripUpdate.newBuilder().buildPartial()).buildPartial());
        assertThat(b.events()).isEmpty();
        assertThat(b.rejected()).singleElement().satisfies(r -> {
            assertThat(r.ref()).isEqualTo("entity 2 (id 'broken')");
            assertThat(r.reason()).isEqualTo("required field(s) missing: trip_update.trip");
        });
    }

    @Test
    void aBoundThatIsNotATimeIsRejected() throws FeedParseException {
        FeedBatch b = parse(T0, alert("bad-time", Alert.newBuilder().addInformedEntity(stop(TransitData.NOAILLES_M2))
                .addActivePeriod(com.google.transit.realtime.GtfsRealtime.TimeRange.newBuilder().setStart(-1L))));
        assertThat(b.rejected()).singleElement().satisfies(r ->
                assertThat(r.reason()).isEqualTo("active_period.start 18446744073709551615 is not a POSIX time"));
    }

    @Test
    void anAlertDatedAfterItsReceptionIsRejectedByTheEventRules() throws FeedParseException {
        Instant ahead = T0.plus(Duration.ofHours(1));
        FeedBatch b = format.parse(doc(ahead, alert("early", noaillesClosed().clearActivePeriod()
                .addActivePeriod(period(ahead.minusSeconds(60), null)))), new FeedContext("rtm", T0));
        assertThat(b.events()).isEmpty();
        assertThat(b.rejected()).singleElement().satisfies(r ->
                assertThat(r.reason()).startsWith("cannot become an event: occurredAt: is 3540 s in the future"));
    }
}
