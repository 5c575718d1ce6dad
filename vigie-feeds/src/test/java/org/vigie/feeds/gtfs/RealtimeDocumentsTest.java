package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vigie.feeds.gtfs.RealtimeDocs.alert;
import static org.vigie.feeds.gtfs.RealtimeDocs.doc;
import static org.vigie.feeds.gtfs.RealtimeDocs.entity;
import static org.vigie.feeds.gtfs.RealtimeDocs.period;
import static org.vigie.feeds.gtfs.RealtimeDocs.route;
import static org.vigie.feeds.gtfs.RealtimeDocs.vehicle;

import com.google.protobuf.TextFormat;
import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedFormat;
import org.vigie.feeds.FeedParseException;

class RealtimeDocumentsTest {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final FeedContext CONTEXT = new FeedContext("rtm", T0);
    private final GtfsRealtimeFormat format = new GtfsRealtimeFormat(TransitData.rtm(), RealtimeSettings.defaults());

    private static byte[] bullRunner() throws IOException {
        return Files.readAllBytes(TransitData.BULLRUNNER_POSITIONS);
    }

    @Test
    void isRegisteredAsGtfsRt() {
        assertThat(format.name()).isEqualTo("gtfs-rt");
        assertThat(format.staticFeed()).isSameAs(TransitData.rtm());
    }

    @Test
    void aTruncatedDocumentIsRefusedSayingSo() throws IOException {
        byte[] cut = Arrays.copyOf(bullRunner(), 100);
        assertThatThrownBy(() -> format.parse(cut, CONTEXT)).isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("not a readable GTFS-Realtime FeedMessage (100 bytes): ")
                .hasMessageContaining("truncated");
    }

    @Test
    void emptyTextJsonAndGarbageAreRefusedWithAHint() throws IOException {
        assertThatThrownBy(() -> format.parse(new byte[0], CONTEXT))
                .hasMessage("empty document: expected a GTFS-Realtime FeedMessage (binary protobuf)");
        byte[] text = TextFormat.printer().printToString(FeedMessage.parseFrom(bullRunner()))
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> format.parse(text, CONTEXT)).isInstanceOf(FeedParseException.class)
                .hasMessageContaining("this looks like the protobuf text format, the binary encoding is expected");
        assertThatThrownBy(() -> format.parse("{\"header\":{}}".getBytes(StandardCharsets.UTF_8), CONTEXT))
                .hasMessageContaining("this looks like JSON");
        assertThatThrownBy(() -> format.parse("<html>503</html>".getBytes(StandardCharsets.UTF_8), CONTEXT))
                .hasMessageContaining("this looks like XML or HTML");
        byte[] noise = new byte[400];
        new Random(7).nextBytes(noise);
        assertThatThrownBy(() -> format.parse(noise, CONTEXT)).isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("not a");
        // Valid protobuf of another message: no header.
        byte[] other = com.google.transit.realtime.GtfsRealtime.Position.newBuilder().setLatitude(43.3f)
                .setLongitude(5.4f).build().toByteArray();
        assertThatThrownBy(() -> format.parse(other, CONTEXT))
                .hasMessageEndingWith("it has no header (field 1)");
        assertThatThrownBy(() -> format.parse(new byte[FeedFormat.MAX_DOCUMENT_BYTES + 1], CONTEXT))
                .hasMessageContaining("at most " + FeedFormat.MAX_DOCUMENT_BYTES);
    }

    /** A document with an alert, a late trip and standing vehicles: what is parsed twice is the same. */
    @Test
    void theSameDocumentParsedTwiceGivesTheSameEvents() throws FeedParseException {
        FeedEntity delay = FeedEntity.newBuilder().setId("tu").setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("RTM-196766_01M2HSA0101").setStartDate("20261129"))
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(4)
                        .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setDelay(3000)))).build();
        FeedEntity works = alert("works", Alert.newBuilder().addInformedEntity(route(TransitData.M1))
                .addActivePeriod(period(T0.minus(Duration.ofHours(1)), null)));
        Stop a = TransitData.rtm().stops().get(TransitData.LA_ROSE_M1);
        Stop b = TransitData.rtm().stops().get(TransitData.FRAIS_VALLON_M1);
        List<byte[]> polls = new java.util.ArrayList<>();
        for (int i = 0; i <= 24; i++) {
            polls.add(doc(T0.plusSeconds(30L * i), works, delay,
                    entity("v", vehicle("M1-03", TransitData.M1, (a.lat() + b.lat()) / 2, (a.lon() + b.lon()) / 2))));
        }
        var fresh = new GtfsRealtimeFormat(TransitData.rtm(), RealtimeSettings.defaults());
        var received = new FeedContext("rtm", T0.plus(Duration.ofMinutes(13)));
        for (byte[] poll : polls) {
            FeedBatch first = format.parse(poll, received);
            FeedBatch twice = format.parse(poll, received);
            FeedBatch other = fresh.parse(poll, received);
            assertThat(twice.events()).isEqualTo(first.events());
            assertThat(other.events()).isEqualTo(first.events());
        }
        FeedBatch last = format.parse(polls.get(polls.size() - 1), received);
        // 18 stations of M1, one late trip, one train standing for 12 minutes.
        assertThat(last.events()).hasSize(20).extracting(Event::id).doesNotHaveDuplicates();
        assertThat(last.events()).extracting(e -> e.attributes().findText("kind").orElseThrow())
                .containsOnly("service_alert", "trip_delay", "vehicle_stopped");
    }
}
