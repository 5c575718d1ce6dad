package org.vigie.feeds.tabular;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.SourceKind;
import org.vigie.feeds.FeedBatch;
import org.vigie.feeds.FeedContext;
import org.vigie.feeds.RejectedRecord;

/** The shipped Baltimore mapping on 200 real rows of the city's 311 export. */
class Baltimore311Test {
    static final Path SAMPLE = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data")
            .resolve("incidents/baltimore311/311_sample_first200.csv");
    private static final FeedContext CONTEXT = new FeedContext("baltimore-311", Instant.parse("2026-11-29T06:00:00Z"));

    private final TabularFormat format = new TabularFormat(TabularMappings.getShipped("baltimore311"), null);

    @Test
    void everyRowBecomesAnEventOrAQuarantineEntry() throws Exception {
        FeedBatch batch = format.parse(Files.readAllBytes(SAMPLE), CONTEXT);
        assertThat(format.name()).isEqualTo("tabular.baltimore311");
        assertThat(batch.records()).isEqualTo(200);
        assertThat(batch.events().size() + batch.rejected().size()).isEqualTo(200);
        // Every rejection says which line and why, and carries the row's text.
        for (RejectedRecord r : batch.rejected()) {
            assertThat(r.ref()).matches("line \\d+");
            assertThat(r.reason()).isNotBlank();
            assertThat(r.raw()).contains(",");
        }
        // The sample's known defects: 14 rows without coordinates and 12 at the geocoder's fallback 39, -77.
        assertThat(batch.rejected()).filteredOn(r -> r.reason().contains("Latitude/Longitude are blank")).hasSize(14);
        assertThat(batch.rejected()).filteredOn(r -> r.reason().contains("'39', '-77'")
                && r.reason().contains("outside the mapping's bounds")).hasSize(12);
        for (Event e : batch.events()) {
            assertThat(e.source().kind()).isEqualTo(SourceKind.CITIZEN);
            assertThat(e.source().id()).isEqualTo("baltimore-311");
            assertThat(e.location().lat()).isBetween(39.19, 39.38);
            assertThat(e.location().lon()).isBetween(-76.72, -76.52);
            assertThat(e.confidence()).isEqualTo(0.6);
            assertThat(e.attributes().findText("sr_type")).isPresent();
            // Nothing but the allow-list: the address never enters.
            assertThat(e.attributes().asMap().keySet()).isSubsetOf("request_number", "sr_type", "status", "agency",
                    "channel", "neighborhood", "police_district", "council_district");
            assertThat(e.attributes().asMap().values()).noneMatch(v -> v.toString().contains("BALTIMORE, MD"));
        }
    }

    @Test
    void idsAreStableAcrossParsesAndUniquePerRequestVersion() throws Exception {
        byte[] bytes = Files.readAllBytes(SAMPLE);
        FeedBatch a = format.parse(bytes, CONTEXT);
        FeedBatch b = format.parse(bytes, new FeedContext("baltimore-311", Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(b.events()).extracting(Event::id).containsExactlyElementsOf(a.events().stream().map(Event::id).toList());
        assertThat(a.events()).extracting(Event::id).doesNotHaveDuplicates();
        // Another source, other ids.
        FeedBatch c = format.parse(bytes, new FeedContext("other-export", CONTEXT.receivedAt()));
        assertThat(c.events().get(0).id()).isNotEqualTo(a.events().get(0).id());
    }

    @Test
    void theTopTypesAreTheCitysEverydayRequests() throws Exception {
        FeedBatch batch = format.parse(Files.readAllBytes(SAMPLE), CONTEXT);
        Map<EventType, Long> byType = batch.events().stream()
                .collect(Collectors.groupingBy(Event::type, TreeMap::new, Collectors.counting()));
        EventType top = byType.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        // Solid waste (dirty alleys, bulk pickup, rat baiting) is most of a city's 311, then streets and lights.
        assertThat(top).isEqualTo(EventType.WASTE);
        assertThat(byType.get(EventType.WASTE)).isGreaterThan(batch.events().size() / 3);
        assertThat(byType).containsKeys(EventType.STREETLIGHT_OUTAGE, EventType.GRAFFITI, EventType.ROAD_HAZARD,
                EventType.TRAFFIC_DISRUPTION);
        // The table names most requests: "other" is the exception, not the bulk.
        assertThat(byType.getOrDefault(EventType.OTHER, 0L)).isLessThan(batch.events().size() / 8);
        // Nothing alarming is invented from citizen service requests.
        assertThat(byType).doesNotContainKeys(EventType.FIRE, EventType.GUNSHOT, EventType.ASSAULT, EventType.WEAPON);
        // Administrative requests are quarantined as such, with their type in the reason.
        assertThat(batch.rejected()).anySatisfy(r -> assertThat(r.reason())
                .contains("SRType 'FCCS-Personal Property Tax' is rejected by the type table"));
        Map<String, Long> reasons = batch.rejected().stream().collect(Collectors.groupingBy(
                r -> r.reason().replaceAll("'.*", ""), TreeMap::new, Collectors.counting()));
        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(batch.rejected().size());
    }

    @Test
    void aRequestIsTimedInBaltimoreLocalTime() throws Exception {
        FeedBatch batch = format.parse(Files.readAllBytes(SAMPLE), CONTEXT);
        // 14-00293539: created 04/22/2014 01:07:39 PM, Eastern Daylight Time (UTC-4).
        Event e = batch.events().stream().filter(x -> x.attributes().findText("request_number")
                .orElse("").equals("14-00293539")).findFirst().orElseThrow();
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2014-04-22T17:07:39Z"));
        assertThat(e.type()).isEqualTo(EventType.WASTE);
        assertThat(e.location().lat()).isEqualTo(39.255363);
        assertThat(e.attributes().asMap()).containsEntry("status", "Closed").containsEntry("agency", "Solid Waste")
                .containsEntry("neighborhood", "Lakeland");
    }

    @Test
    void streamingInChunksGivesTheSameEventsAsOneDocument() throws Exception {
        FeedBatch whole = format.parse(Files.readAllBytes(SAMPLE), CONTEXT);
        var batches = new ArrayList<FeedBatch>();
        TabularFormat.Summary s = format.parse(SAMPLE, CONTEXT, 37, batches::add);
        assertThat(s.records()).isEqualTo(200);
        assertThat(s.events() + s.rejected()).isEqualTo(200);
        assertThat(s.withoutEvent()).isZero();
        assertThat(batches).hasSize(6);
        assertThat(batches.stream().flatMap(b -> b.events().stream()).map(Event::id).toList())
                .isEqualTo(whole.events().stream().map(Event::id).toList());
        assertThat(batches.stream().flatMap(b -> b.rejected().stream()).toList()).isEqualTo(whole.rejected());
        Function<FeedBatch, Integer> records = FeedBatch::records;
        assertThat(batches.stream().map(records).toList()).containsExactly(37, 37, 37, 37, 37, 15);
    }
}
