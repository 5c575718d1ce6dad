package org.vigie.feeds.gtfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.transit.realtime.GtfsRealtime.FeedEntity;
import com.google.transit.realtime.GtfsRealtime.FeedHeader;
import com.google.transit.realtime.GtfsRealtime.FeedMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.FeedParseException;

/**
 * The Bull Runner vehicle positions against what MobilityData's GTFS-Realtime validator said of them
 * ({@code bullrunner-vehicle-positions.results.json}): the same rules must find the same things, and the rules the
 * validator found nothing for (trips, routes or stops missing from the static feed, positions off the network)
 * must find nothing either.
 */
class BullRunnerValidatorOracleTest {
    private static GtfsFeed staticFeed;
    private static byte[] document;
    /** errorId → occurrence prefixes, in the validator's order. */
    private static Map<String, List<String>> expected;

    @BeforeAll
    static void load() throws IOException {
        staticFeed = GtfsFeedReader.read(TransitData.BULLRUNNER);
        document = Files.readAllBytes(TransitData.BULLRUNNER_POSITIONS);
        expected = new LinkedHashMap<>();
        for (JsonNode rule : new ObjectMapper().readTree(TransitData.BULLRUNNER_RESULTS.toFile())) {
            var prefixes = new ArrayList<String>();
            rule.path("occurrenceList").forEach(o -> prefixes.add(o.path("prefix").asText()));
            expected.put(rule.path("errorMessage").path("validationRule").path("errorId").asText(), prefixes);
        }
    }

    /** When the validator ran: the W008 occurrence says how old the header was then. */
    private static Instant validatorClock(Instant header) {
        String age = expected.get("W008").get(0); // "header.timestamp is 19119 min 44 sec"
        String[] words = age.split(" ");
        return header.plus(Duration.ofMinutes(Long.parseLong(words[2])).plusSeconds(Long.parseLong(words[4])));
    }

    @Test
    void theDocumentDecodesToTenVehiclesOfKnownRoutes() throws IOException {
        FeedMessage m = FeedMessage.parseFrom(document);
        assertThat(m.getHeader().getGtfsRealtimeVersion()).isEqualTo("1.0");
        assertThat(m.getHeader().getIncrementality()).isEqualTo(FeedHeader.Incrementality.FULL_DATASET);
        assertThat(Instant.ofEpochSecond(m.getHeader().getTimestamp())).isEqualTo("2017-09-13T14:52:55Z");
        assertThat(m.getEntityList()).hasSize(10).allSatisfy(e -> {
            assertThat(e.hasVehicle()).isTrue();
            assertThat(e.hasTripUpdate() || e.hasAlert()).isFalse();
            // The validator found no E004: every route is in the static feed.
            assertThat(staticFeed.findRoute(e.getVehicle().getTrip().getRouteId())).isPresent();
            assertThat(staticFeed.covers(e.getVehicle().getPosition().getLatitude(),
                    e.getVehicle().getPosition().getLongitude(), 1_000)).isTrue();
        });
        // The vehicles in document order are those of the validator's W001 list.
        assertThat(m.getEntityList()).extracting(e -> "vehicle_id " + e.getVehicle().getVehicle().getId())
                .containsExactlyElementsOf(expected.get("W001"));
        assertThat(m.getEntityList()).extracting(FeedEntity::getId)
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    @Test
    void ourChecksFindWhatTheValidatorFoundAndNothingElse() throws FeedParseException {
        var format = new GtfsRealtimeFormat(staticFeed, RealtimeSettings.defaults());
        Instant header = Instant.ofEpochSecond(1505314375L);
        RealtimeReport report = format.check(document, validatorClock(header));
        assertThat(report.entities()).isEqualTo(10);
        assertThat(report.vehicles()).isEqualTo(10);
        assertThat(report.alerts() + report.tripUpdates()).isZero();
        assertThat(report.headerTime()).contains(header);
        assertThat(report.codes()).containsExactlyElementsOf(new TreeSet<>(expected.keySet()));
        expected.forEach((code, prefixes) -> {
            List<RealtimeFinding> ours = report.withCode(code);
            assertThat(ours).as(code).hasSameSizeAs(prefixes);
            for (int i = 0; i < prefixes.size(); i++) {
                RealtimeFinding f = ours.get(i);
                String prefix = prefixes.get(i);
                assertThat(f.where().equals(prefix) || f.message().startsWith(prefix)).as(code + " " + prefix + " vs " + f)
                        .isTrue();
            }
        });
        assertThat(report.withCode("W008").get(0).message())
                .isEqualTo("header.timestamp is 19119 min 44 sec old, which is greater than the recommended age of 65"
                        + " seconds");
    }

    @Test
    void aNormalFeedGivesNoEventAndRejectsNothing() throws FeedParseException {
        var format = new GtfsRealtimeFormat(staticFeed, RealtimeSettings.defaults());
        FeedBatch batch = format.parse(document, new FeedContext("usf-bull-runner",
                validatorClock(Instant.ofEpochSecond(1505314375L))));
        assertThat(batch.records()).isEqualTo(10);
        assertThat(batch.events()).isEmpty();
        assertThat(batch.rejected()).isEmpty();
    }
}
