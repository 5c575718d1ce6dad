package org.vigie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vigie.store.Fixtures.at;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigie.core.accountability.Alert;
import org.vigie.core.accountability.Evaluation;
import org.vigie.core.correlate.CorrelationEngine;
import org.vigie.core.correlate.CorrelationRules;
import org.vigie.core.correlate.IncidentChange;
import org.vigie.core.correlate.IncidentChange.Kind;
import org.vigie.core.model.DismissalReason;
import org.vigie.core.model.Event;
import org.vigie.core.model.EventType;
import org.vigie.core.model.Incident;
import org.vigie.core.model.IncidentStatus;
import org.vigie.core.model.SourceKind;
import org.vigie.core.model.Verdict;

/** Decisions survive closing, alerts of a period, feeds counted, evaluations kept: on both engines. */
class AccountabilityStoreTest extends OnBothEngines {
    private Incident decide(Incident i, IncidentStatus status, Verdict v) {
        Incident next = i.transition(status, v);
        store.incidents().apply(List.of(new IncidentChange(Kind.STATUS_CHANGED, next, List.of(), i.version())));
        return next;
    }

    @Test
    void decisionsOutliveClosingAndAlertsCarryTheirSourcesAndDetectors() {
        var engine = new CorrelationEngine(CorrelationRules.defaults());
        Event fire = FusionStoreTest.report(SourceKind.CAMERA, "cam-1", EventType.FIRE, 0, 0);
        Event shot = FusionStoreTest.report(SourceKind.ACOUSTIC_SENSOR, "acu-1", EventType.GUNSHOT, 30, 5_000);
        Event report = FusionStoreTest.report(SourceKind.CITIZEN, "open311", EventType.ROAD_HAZARD, 60, 10_000);
        store.ingest(List.of(fire, shot, report), List.of());
        List<IncidentChange> changes = engine.process(List.of(fire, shot, report));
        store.incidents().apply(changes);
        Incident a = changes.get(0).incident();
        Incident b = changes.get(1).incident();

        Verdict seen = new Verdict("op-1", at(120), "flames on the roof");
        a = decide(decide(a, IncidentStatus.ACKNOWLEDGED, seen), IncidentStatus.CONFIRMED, seen);
        decide(a, IncidentStatus.CLOSED, new Verdict("op-1", at(900), "fire brigade on site"));
        Verdict dismissed = new Verdict("op-2", at(200), DismissalReason.DUPLICATE.reasonText("same shot as before"));
        decide(decide(b, IncidentStatus.ACKNOWLEDGED, dismissed), IncidentStatus.DISMISSED, dismissed);

        List<Alert> alerts = store.accountability().alerts(at(0), at(3_600));
        assertThat(alerts).hasSize(3);
        Alert camera = alerts.stream().filter(x -> x.type() == EventType.FIRE).findFirst().orElseThrow();
        assertThat(camera.confirmed()).isTrue();
        assertThat(camera.decision().at()).isEqualTo(at(120));
        assertThat(camera.sources()).containsExactly("camera/cam-1");
        assertThat(camera.detectors()).containsExactly("camera/fire");
        Alert acoustic = alerts.stream().filter(x -> x.type() == EventType.GUNSHOT).findFirst().orElseThrow();
        assertThat(acoustic.dismissed()).isTrue();
        assertThat(acoustic.decision().cause()).contains(DismissalReason.DUPLICATE);
        assertThat(alerts.stream().filter(x -> x.type() == EventType.ROAD_HAZARD).findFirst().orElseThrow().decision()).isNull();

        assertThat(store.accountability().alerts(at(1), at(3_600))).hasSize(2); // the window is [from, to)
        assertThat(store.accountability().feedCount(at(0), at(3_600))).isEqualTo(1);
        assertThat(store.accountability().feedCount(at(61), at(3_600))).isZero();
    }

    @Test
    void evaluationsAreKeptNewestFirst() {
        var scores = Map.of("gunshot", new Evaluation.Scores(0.9, 0.75, Evaluation.Scores.f1Of(0.9, 0.75), 96));
        store.evaluations().add(new Evaluation("audio.impulse", "1.0", "urbansound8k-fold3", at(0), scores));
        var second = store.evaluations().add(new Evaluation("audio.impulse", "1.1", "urbansound8k-fold3", at(60), scores));
        store.evaluations().add(new Evaluation("video.fire", "1.0", "furg-fire", at(30),
                Map.of("fire", new Evaluation.Scores(0.5, 0.5, 0.5, 10))));

        var listed = store.evaluations().list("audio.impulse", 10);
        assertThat(listed).extracting(s -> s.evaluation().version()).containsExactly("1.1", "1.0");
        assertThat(listed.get(0)).isEqualTo(second);
        assertThat(store.evaluations().list(null, 10)).hasSize(3);
        assertThat(store.evaluations().list(null, 1)).hasSize(1);
    }
}
