package org.vigie.feeds.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.geo.Marseille;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentId;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.Severity;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;
import org.vigie.feeds.FeedContext;

class CapAlertWriterTest {
    static final Instant T0 = Instant.parse("2026-07-14T19:00:00.123456Z");

    static Event event(EventType type, double lat, double lon, Instant received) {
        return Event.builder().occurredAt(T0).receivedAt(received).source(SourceKind.CAMERA, "cam-1").type(type)
                .location(lat, lon, 40).confidence(0.9).severity(Severity.SEVERE).build();
    }

    static Incident confirmed(Event first, Instant confirmedAt) {
        return Incident.open(new IncidentId(java.util.UUID.randomUUID()), first)
                .transition(IncidentStatus.ACKNOWLEDGED, new Verdict("op-1", confirmedAt.minusSeconds(30), ""))
                .transition(IncidentStatus.CONFIRMED, new Verdict("op-1", confirmedAt, "seen on camera"));
    }

    @Test
    void aConfirmedIncidentIsAnAlertThenAnUpdateOnceEventsJoinAfterTheConfirmation() {
        Event first = event(EventType.FIRE, 43.3, 5.4, T0.plusSeconds(1));
        Instant confirmedAt = T0.plusSeconds(120);
        Incident incident = confirmed(first, confirmedAt);

        CapMessage alert = CapMessage.of(incident, List.of(first), "vigie@ops.example", "Marseille 3e");
        assertThat(alert.msgType()).isEqualTo("Alert");
        assertThat(alert.identifier()).isEqualTo(incident.id().toString());
        assertThat(alert.sent()).isEqualTo(Instant.parse("2026-07-14T19:02:00Z"));
        assertThat(alert.references()).isEmpty();

        Event late = event(EventType.FIRE, 43.3002, 5.4001, confirmedAt.plusSeconds(45));
        Incident grown = incident.withEvent(late);
        CapMessage update = CapMessage.of(grown, List.of(first, late), "vigie@ops.example", "Marseille 3e");
        assertThat(update.msgType()).isEqualTo("Update");
        assertThat(update.identifier()).isEqualTo(incident.id() + "-v" + grown.version());
        assertThat(update.sent()).isEqualTo(Instant.parse("2026-07-14T19:02:45Z"));
        assertThat(update.references()).containsExactly("vigie@ops.example," + incident.id() + ",2026-07-14T19:02:00+00:00");
    }

    @Test
    void onlyConfirmedIncidentsAndCleanSendersArePublished() {
        Event first = event(EventType.FIRE, 43.3, 5.4, T0);
        Incident open = Incident.open(new IncidentId(java.util.UUID.randomUUID()), first);
        assertThatThrownBy(() -> CapMessage.of(open, List.of(first), "vigie@x", "here"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new");
        Incident c = confirmed(first, T0.plusSeconds(60));
        assertThatThrownBy(() -> CapMessage.of(c, List.of(first), "vigie at x", "here"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sender");
    }

    @Test
    void aPublishedAlertReadsBackAsTheSameSituation() throws Exception {
        Event first = event(EventType.ABANDONED_OBJECT, 43.3025, 5.3810, T0);
        Incident incident = confirmed(first, T0.plusSeconds(60));
        byte[] xml = CapAlertWriter.alert(CapMessage.of(incident, List.of(first), "vigie@ops.example", "Marseille 1er"));
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("<sent>2026-07-14T19:01:00+00:00</sent>", "<certainty>Observed</certainty>",
                "<category>Security</category>", "<event>Abandoned object</event>", "<circle>43.302500,5.381000 0.040</circle>");

        var back = new CapFormat(Marseille.approximateCity())
                .parse(xml, new FeedContext("other-vigie", T0.plusSeconds(120))).events();
        assertThat(back).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.ABANDONED_OBJECT);
            assertThat(e.severity()).isEqualTo(incident.severity());
            assertThat(e.location().lat()).isEqualTo(43.3025);
            assertThat(e.location().accuracyMeters()).isEqualTo(40.0);
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-07-14T19:00:00Z")); // onset = first seen
            assertThat(e.confidence()).isEqualTo(0.95); // Observed
        });
    }

    @Test
    void textIsEscapedAndCharactersXmlCannotCarryAreReplaced() throws Exception {
        Event first = event(EventType.GRAFFITI, 43.3, 5.4, T0);
        Incident incident = confirmed(first, T0.plusSeconds(60));
        String area = "Rue <Paradis> & \"Cours\" \u0001 Julien";
        byte[] feed = CapAlertWriter.atomFeed(new CapAlertWriter.FeedHead("urn:uuid:" + incident.id(), "Vigie & co",
                        "http://x/api/v1/cap/alerts?limit=1&offset=0", "http://x/api/v1/cap/alerts?limit=1&offset=1", T0),
                List.of(CapMessage.of(incident, List.of(first), "vigie@x", area)));
        String text = new String(feed, StandardCharsets.UTF_8);
        assertThat(text).contains("Rue &lt;Paradis&gt; &amp; \"Cours\" \uFFFD Julien", "<title>Vigie &amp; co</title>",
                "offset=0", "rel=\"next\"").doesNotContain("\u0001");
        var parsed = javax.xml.parsers.DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(feed));
        assertThat(parsed.getElementsByTagNameNS(CapAlertWriter.CAP12, "areaDesc").item(0).getTextContent())
                .isEqualTo("Rue <Paradis> & \"Cours\" \uFFFD Julien");
    }
}
