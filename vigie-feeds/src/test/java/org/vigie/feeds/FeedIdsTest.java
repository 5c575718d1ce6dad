package org.vigie.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigie.core.model.EventId;

class FeedIdsTest {
    private static final Instant T = Instant.parse("2026-11-29T06:00:00Z");

    @Test
    void theSameRecordVersionAlwaysHasTheSameIdAndAnotherVersionAnother() {
        EventId a = FeedIds.eventId("cap", "marins-pompiers", "alert-1|2026-11-29T06:00:00Z", T);
        assertThat(FeedIds.eventId("cap", "marins-pompiers", "alert-1|2026-11-29T06:00:00Z", T)).isEqualTo(a);
        assertThat(FeedIds.eventId("cap", "marins-pompiers", "alert-1|2026-11-29T06:05:00Z", T)).isNotEqualTo(a);
        assertThat(FeedIds.eventId("cap", "other-source", "alert-1|2026-11-29T06:00:00Z", T)).isNotEqualTo(a);
        // Length-prefixed parts: moving a separator does not give the same id.
        assertThat(FeedIds.eventId("ca", "pmarins-pompiers", "alert-1|2026-11-29T06:00:00Z", T)).isNotEqualTo(a);
    }

    @Test
    void idsAreVersion7AndCarryTheRecordTime() {
        EventId id = FeedIds.eventId("gtfs-rt", "rtm", "vehicle 12", T);
        assertThat(id.value().version()).isEqualTo(7);
        assertThat(id.value().variant()).isEqualTo(2);
        assertThat(EventId.Uuid7.timestamp(id.value())).isEqualTo(T);
    }

    @Test
    void quarantineIdsDependOnChannelPlaceAndText() {
        String q = FeedIds.quarantineId("feed:cap:x", "alert 1", "<alert/>");
        assertThat(FeedIds.quarantineId("feed:cap:x", "alert 1", "<alert/>")).isEqualTo(q);
        assertThat(FeedIds.quarantineId("feed:cap:y", "alert 1", "<alert/>")).isNotEqualTo(q);
        assertThat(FeedIds.quarantineId("feed:cap:x", "alert 1", "<alert />")).isNotEqualTo(q);
    }
}
