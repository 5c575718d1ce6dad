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

    /** A person walking right at 50 px/s, detected for 1 s; returns the tracker. */
    private static Tracker walker() {
        var tracker = new Tracker(2.0);
        for (int i = 0; i < 5; i++) {
            tracker.update(List.of(new Detection(new Box(100 + 10 * i, 200, 30, 80), "person", 0.9)), List.of(), i * 0.2);
        }
        return tracker;
    }

    /** Four seconds after {@link #walker()} in which the detector finds nothing and {@code blob} is there. */
    private static List<Track> missedFourSeconds(Tracker tracker, Box blob, List<Box> still) {
        List<Track> tracks = List.of();
        for (int i = 5; i < 25; i++) {
            tracks = tracker.update(List.of(), List.of(blob), still, i * 0.2);
        }
        return tracks;
    }

    @Test
    void aPersonMissedInsideAMovingBlobOfSeveralKeepsTheirCourseAndSize() {
        // the walker crosses two others: one moving blob, three persons wide, that the detector does not resolve
        var tracker = walker();
        List<Track> tracks = List.of();
        for (int i = 5; i < 10; i++) {
            double x = 100 + 10 * i; // the walker's left edge; the two others walk just ahead
            tracks = tracker.update(List.of(), List.of(new Box(x - 5, 195, 110, 90)), List.of(), i * 0.2);
        }
        assertThat(tracks).hasSize(1);
        Track tr = tracks.get(0);
        assertThat(tr.held()).isTrue();
        // on course (centre 205 at 1.8 s; the blob's is 240), its own size, not the blob's; the blob is not recorded
        // as where it was
        assertThat(tr.box().cx()).isBetween(195.0, 212.0);
        assertThat(tr.box().w()).isBetween(27.0, 33.0);
        assertThat(tr.box().h()).isBetween(76.0, 84.0);
        assertThat(tr.lastBox()).isEqualTo(new Box(140, 200, 30, 80));
    }

    @Test
    void aTrackIsNotKeptOnABagThePersonPutDownAndWalkedAwayFrom() {
        var tracker = walker();
        var bag = new Box(142, 250, 24, 30);
        assertThat(missedFourSeconds(tracker, bag, List.of())).isEmpty(); // the walker is no longer seen
    }

    @Test
    void aStillBlobOfAnotherSizeIsWhereTheTrackIs() {
        // a person sitting down on a bench behind a low wall: a still blob shorter than the person
        var tracker = walker();
        var sitting = new Box(138, 236, 34, 40);
        var tracks = missedFourSeconds(tracker, sitting, List.of(new Box(130, 230, 50, 52)));
        assertThat(tracks).hasSize(1);
        assertThat(tracks.get(0).lastBox()).isEqualTo(sitting);
        assertThat(tracks.get(0).box().iou(sitting)).isGreaterThan(0.8);
    }
}
