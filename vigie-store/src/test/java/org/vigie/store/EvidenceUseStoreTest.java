package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.store.Fixtures.at;

import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.core.accountability.Bucket;
import org.vigie.core.accountability.Grouping;
import org.vigie.core.accountability.Quality;
import org.vigie.core.accountability.QualityReport;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.IncidentChange.Kind;
import org.vigie.core.geo.GeoMath;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.EvidenceRef;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;

/** The share of confirmed incidents whose evidence was opened, read from the audit log: on both engines. */
class EvidenceUseStoreTest extends OnBothEngines {
    private static final double LAT = 43.2965;
    private static final double LON = 5.3698;

    private static String uri(int n) {
        return "evidence:2026-07-14/" + String.format("%064x", n) + ".snapshot";
    }

    /** A camera fire with one snapshot, {@code kmNorth} from the others so that each makes its own incident. */
    private static Event fire(int seconds, int kmNorth, String evidenceUri) {
        double[] p = GeoMath.offset(LAT, LON, kmNorth * 1_000.0, 0);
        return Event.builder().occurredAt(at(seconds)).receivedAt(at(seconds)).source(SourceKind.CAMERA, "cam-" + kmNorth)
                .type(EventType.FIRE).location(p[0], p[1], 20).confidence(0.8)
                .evidence(List.of(new EvidenceRef(EvidenceRef.Kind.SNAPSHOT, evidenceUri, null))).build();
    }

    private Incident decide(Incident i, IncidentStatus status, Verdict v) {
        Incident next = i.transition(status, v);
        store.incidents().apply(List.of(new IncidentChange(Kind.STATUS_CHANGED, next, List.of(), i.version())));
        return next;
    }

    private void view(int seconds, String target) {
        store.audit().append(at(seconds), "op-1", "operator", AccountabilityRepository.EVIDENCE_VIEW, target, "snapshot");
    }

    @Test
    void oneConfirmedIncidentOfThreeHadItsEvidenceOpened() {
        var engine = new CorrelationEngine(CorrelationRules.defaults());
        Event[] events = {fire(0, 0, uri(1)), fire(10, 5, uri(2)), fire(20, 10, uri(3)), fire(30, 15, uri(4)),
            fire(7_200, 20, uri(5))};
        store.ingest(List.of(events), List.of());
        List<IncidentChange> changes = engine.process(List.of(events));
        store.incidents().apply(changes);
        assertThat(changes).hasSize(5).allMatch(c -> c.kind() == Kind.OPENED);
        List<Incident> incidents = changes.stream().map(IncidentChange::incident).toList();

        Verdict seen = new Verdict("op-1", at(300), "flames seen");
        for (int i = 0; i < 3; i++) {
            decide(decide(incidents.get(i), IncidentStatus.ACKNOWLEDGED, seen), IncidentStatus.CONFIRMED, seen);
        }
        Verdict dismissed = new Verdict("op-1", at(300), DismissalReason.DUPLICATE.reasonText("same fire as cam-0"));
        decide(decide(incidents.get(3), IncidentStatus.ACKNOWLEDGED, dismissed), IncidentStatus.DISMISSED, dismissed);

        view(-60, uri(2)); // before the period: not an opening of this period's evidence
        view(400, uri(1));
        view(500, uri(1)); // a second look at the same evidence counts once
        view(450, "camera:cam-0/snapshot"); // the live picture of a camera belongs to no incident
        view(460, uri(99)); // evidence of no stored event (purged with its event, or of another deployment)
        view(470, uri(4)); // the dismissed incident: opened, but not a confirmed one
        view(7_300, uri(5)); // the incident of the next period, opened after this one ended
        store.audit().append(at(480), "op-1", "operator", "search", uri(3), "a search is not an opening");

        var used = store.accountability().evidenceOpened(at(0), at(3_600));
        assertThat(used).containsExactlyInAnyOrder(incidents.get(0).id(), incidents.get(3).id());
        assertThat(store.accountability().openedUris(at(0)))
                .containsExactlyInAnyOrder(uri(1), uri(4), uri(5), uri(99));

        QualityReport report = Quality.of(store.accountability().alerts(at(0), at(3_600)), at(0), at(3_600),
                Grouping.TYPE, Bucket.DAY, ZoneOffset.UTC, store.accountability().evidenceUse());
        assertThat(report.evidenceUsed().successes()).isEqualTo(1);
        assertThat(report.evidenceUsed().trials()).isEqualTo(3);
        assertThat(report.evidenceUsed().value()).isEqualTo(1.0 / 3);

        // One incident at a time, as the interface also answers.
        assertThat(store.accountability().evidenceUse().opened(incidents.get(0).id())).isTrue();
        assertThat(store.accountability().evidenceUse().opened(incidents.get(1).id())).isTrue(); // opened at -60 s
        assertThat(store.accountability().evidenceUse().opened(incidents.get(2).id())).isFalse();
        assertThat(store.accountability().evidenceOpened(at(3_600), at(10_800))).containsExactly(incidents.get(4).id());
    }

    @Test
    void withoutOpeningsTheShareIsZeroAndKnown() {
        var engine = new CorrelationEngine(CorrelationRules.defaults());
        Event e = fire(0, 0, uri(1));
        store.ingest(List.of(e), List.of());
        List<IncidentChange> changes = engine.process(List.of(e));
        store.incidents().apply(changes);
        Verdict seen = new Verdict("op-1", at(300), "flames seen");
        Incident i = changes.get(0).incident();
        decide(decide(i, IncidentStatus.ACKNOWLEDGED, seen), IncidentStatus.CONFIRMED, seen);
        view(400, "camera:cam-0/snapshot");

        QualityReport report = Quality.of(store.accountability().alerts(at(0), at(3_600)), at(0), at(3_600),
                Grouping.TYPE, Bucket.DAY, ZoneOffset.UTC, store.accountability().evidenceUse());
        assertThat(report.evidenceUsed().successes()).isZero();
        assertThat(report.evidenceUsed().trials()).isEqualTo(1);
        assertThat(report.evidenceUsed().known()).isTrue();
    }
}
