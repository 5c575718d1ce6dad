package org.vigie.vision.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.geom.Box;

class TrackerTest {
    @Test
    void aMovingObjectKeepsOneAnonymousIdAndItsVelocityAndTheTrackDiesWhenItIsGone() {
        var tracker = new Tracker(2.0);
        List<Track> tracks = List.of();
        for (int i = 0; i < 20; i++) {
            double t = i * 0.2;
            tracks = tracker.update(List.of(new Detection(new Box(100 + 50 * t, 200, 30, 80), "person", 0.9)), List.of(), t);
        }
        assertThat(tracks).hasSize(1);
        Track tr = tracks.get(0);
        assertThat(tr.id()).isEqualTo(1);
        assertThat(tr.confirmed()).isTrue();
        assertThat(tr.vx()).isBetween(40.0, 60.0);
        assertThat(tr.history().size()).isLessThanOrEqualTo(Track.HISTORY);
        // gone for more than 2 s: forgotten; a new object gets a new id, never the old one
        for (int i = 20; i < 35; i++) {
            tracks = tracker.update(List.of(), List.of(), i * 0.2);
        }
        assertThat(tracks).isEmpty();
        tracks = tracker.update(List.of(new Detection(new Box(300, 200, 30, 80), "person", 0.9)), List.of(), 7.2);
        assertThat(tracks.get(0).id()).isEqualTo(2);
    }

    @Test
    void aConfirmedTrackMissedByTheDetectorIsHeldByTheStillBlobWhereItIs() {
        var tracker = new Tracker(2.0);
        for (int i = 0; i < 5; i++) {
            tracker.update(List.of(new Detection(new Box(100, 200, 30, 80), "person", 0.9)), List.of(), i * 0.2);
        }
        var tracks = tracker.update(List.of(), List.of(new Box(95, 250, 70, 30)), 1.0);
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).held()).isTrue();
        assertThat(tracks.get(0).lastBox()).isEqualTo(new Box(95, 250, 70, 30));
    }
}
