package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.vigie.feeds.gtfs.RealtimeDocs.alert;
import static org.vigie.feeds.gtfs.RealtimeDocs.doc;
import static org.vigie.feeds.gtfs.RealtimeDocs.entity;
import static org.vigie.feeds.gtfs.RealtimeDocs.period;
import static org.vigie.feeds.gtfs.RealtimeDocs.route;
import static org.vigie.feeds.gtfs.RealtimeDocs.stop;
import static org.vigie.feeds.gtfs.RealtimeDocs.text;
import static org.vigie.feeds.gtfs.RealtimeDocs.vehicle;

import com.google.transit.realtime.GtfsRealtime.Alert;
import com.google.transit.realtime.GtfsRealtime.EntitySelector;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

/**
 * 10,000 damaged GTFS-Realtime documents (bits flipped, bytes replaced, inserted, deleted, repeated, documents cut
 * or spliced): each gives a batch or a {@link FeedParseException}, never anything else.
 */
class GtfsRealtimeFuzzTest {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final int CASES = 10_000;

    private record Seed(byte[] bytes, GtfsRealtimeFormat format, FeedContext context) {
    }

    private static List<Seed> seeds() throws IOException {
        var bull = new GtfsRealtimeFormat(GtfsFeedReader.read(TransitData.BULLRUNNER), RealtimeSettings.defaults());
        var rtm = new GtfsRealtimeFormat(TransitData.rtm(), RealtimeSettings.defaults().withStopped(1, Duration.ofMinutes(1)));
        FeedContext rtmContext = new FeedContext("rtm", T0.plus(Duration.ofHours(1)));
        byte[] alerts = doc(T0,
                alert("a1", Alert.newBuilder().addInformedEntity(stop(TransitData.NOAILLES_M2))
                        .addActivePeriod(period(T0.minusSeconds(60), T0.plusSeconds(3600)))
                        .setHeaderText(text("fr", "Station fermée", "en", "Station closed"))
                        .setCause(Alert.Cause.TECHNICAL_PROBLEM).setEffect(Alert.Effect.NO_SERVICE)),
                alert("a2", Alert.newBuilder().addInformedEntity(route(TransitData.M2))),
                alert("a3", Alert.newBuilder().addInformedEntity(EntitySelector.newBuilder().setAgencyId("RTM"))),
                alert("a4", Alert.newBuilder().addInformedEntity(EntitySelector.newBuilder().setTrip(
                        TripDescriptor.newBuilder().setTripId("RTM-186394_01M1HSA0101")))));
        byte[] updates = doc(T0, FeedEntity.newBuilder().setId("t1").setTripUpdate(TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("RTM-186395_01M1HSA0101").setStartDate("20261129"))
                .setDelay(2000)
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(3)
                        .setArrival(TripUpdate.StopTimeEvent.newBuilder().setDelay(2400).setTime(T0.getEpochSecond())))
                .addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopId(TransitData.FRAIS_VALLON_M1)
                        .setDeparture(TripUpdate.StopTimeEvent.newBuilder().setTime(T0.getEpochSecond() + 60)))).build());
        Stop a = TransitData.rtm().stops().get(TransitData.LA_ROSE_M1);
        Stop b = TransitData.rtm().stops().get(TransitData.FRAIS_VALLON_M1);
        byte[] vehicles = doc(T0,
                entity("v1", vehicle("M1-01", TransitData.M1, (a.lat() + b.lat()) / 2, (a.lon() + b.lon()) / 2)
                        .setTimestamp(T0.getEpochSecond() - 30)),
                entity("v2", vehicle("M1-02", TransitData.M1, a.lat(), a.lon())
                        .setTrip(TripDescriptor.newBuilder().setTripId("RTM-186395_01M1HSA0101"))
                        .setStopId(TransitData.FRAIS_VALLON_M1)));
        return List.of(new Seed(Files.readAllBytes(TransitData.BULLRUNNER_POSITIONS), bull,
                        new FeedContext("usf", Instant.ofEpochSecond(1505314375L + 60))),
                new Seed(alerts, rtm, rtmContext), new Seed(updates, rtm, rtmContext), new Seed(vehicles, rtm, rtmContext));
    }

    static byte[] mutate(byte[] in, Random r, List<byte[]> others) {
        byte[] d = in.clone();
        int ops = 1 + r.nextInt(3);
        for (int k = 0; k < ops && d.length > 0; k++) {
            int at = r.nextInt(d.length);
            switch (r.nextInt(8)) {
                case 0 -> d[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> d[at] = (byte) r.nextInt(256);
                case 2 -> d = Arrays.copyOf(d, at); // cut
                case 3 -> { // insert random bytes
                    byte[] ins = new byte[1 + r.nextInt(8)];
                    r.nextBytes(ins);
                    d = splice(d, at, at, ins);
                }
                case 4 -> d = splice(d, at, Math.min(d.length, at + 1 + r.nextInt(16)), new byte[0]); // delete
                case 5 -> d = splice(d, at, at, Arrays.copyOfRange(d, at, Math.min(d.length, at + 1 + r.nextInt(32))));
                case 6 -> { // the tail of another document
                    byte[] o = others.get(r.nextInt(others.size()));
                    d = splice(d, at, d.length, Arrays.copyOfRange(o, r.nextInt(o.length), o.length));
                }
                default -> d[at] = (byte) (r.nextBoolean() ? 0xFF : 0x00); // varints that never end, or zero
            }
        }
        return d;
    }

    private static byte[] splice(byte[] d, int from, int to, byte[] with) {
        byte[] out = new byte[d.length - (to - from) + with.length];
        System.arraycopy(d, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(d, to, out, from + with.length, d.length - to);
        return out;
    }

    @Test
    void damagedDocumentsGiveABatchOrAFeedParseExceptionOnly() throws IOException {
        List<Seed> seeds = seeds();
        List<byte[]> all = seeds.stream().map(Seed::bytes).toList();
        var random = new Random(20261129L);
        int batches = 0;
        int refused = 0;
        int events = 0;
        int rejected = 0;
        for (int i = 0; i < CASES; i++) {
            Seed seed = seeds.get(random.nextInt(seeds.size()));
            byte[] doc = mutate(seed.bytes(), random, all);
            try {
                FeedBatch b = seed.format().parse(doc, seed.context());
                batches++;
                events += b.events().size();
                rejected += b.rejected().size();
                assertThat(b.events()).allSatisfy(e -> assertThat(e.source().kind()).isEqualTo(SourceKind.TRANSIT));
                assertThat(b.rejected()).allSatisfy(r -> assertThat(r.reason()).isNotBlank());
            } catch (FeedParseException e) {
                refused++;
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + i + " threw " + e + " for " + Base64.getEncoder().encodeToString(doc), e);
            }
        }
        assertThat(batches + refused).isEqualTo(CASES);
        // Both outcomes are common, and damaged documents still give events and rejections.
        assertThat(batches).isGreaterThan(CASES / 10);
        assertThat(refused).isGreaterThan(CASES / 10);
        assertThat(events).isPositive();
        assertThat(rejected).isPositive();
    }
}
