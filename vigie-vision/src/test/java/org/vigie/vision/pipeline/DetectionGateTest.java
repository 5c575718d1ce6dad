package org.vigie.vision.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.geom.Box;
import org.vigie.vision.track.Track;
import org.vigie.vision.track.Tracker;

class DetectionGateTest {
    private static final int W = 640;
    private static final int H = 360;
    private static final Box PERSON = new Box(100, 100, 40, 100);

    private static List<Track> confirmedPerson() {
        var tracker = new Tracker(2.0);
        List<Track> tracks = List.of();
        for (int i = 0; i < 3; i++) {
            tracks = tracker.update(List.of(new Detection(PERSON, "person", 0.9)), List.of(), i * 0.2);
        }
        assertThat(tracks).singleElement().matches(Track::confirmed);
        return tracks;
    }

    @Test
    void motionThatAConfirmedTrackExplainsIsNotAskedAboutUntilTheRefresh() {
        var gate = new DetectionGate(5);
        var tracks = confirmedPerson();
        List<Box> motion = List.of(new Box(98, 102, 44, 96));
        assertThat(gate.select(motion, List.of(), tracks, W, H)).isNotEmpty(); // the first frame is a refresh
        assertThat(gate.refreshed()).isTrue();
        for (int i = 2; i <= 5; i++) {
            assertThat(gate.select(motion, List.of(), tracks, W, H)).as("frame %d", i).isEmpty();
            assertThat(gate.refreshed()).isFalse();
        }
        List<Box> refresh = gate.select(motion, List.of(), tracks, W, H);
        assertThat(gate.refreshed()).isTrue();
        assertThat(refresh).anyMatch(b -> PERSON.coveredBy(b) > 0.9);
    }

    @Test
    void motionNobodyExplainsIsAskedAboutAtOnceAndOnlyThere() {
        var gate = new DetectionGate(10);
        var tracks = confirmedPerson();
        gate.select(List.of(), List.of(), tracks, W, H); // refresh
        Box stranger = new Box(400, 120, 40, 90);
        List<Box> asked = gate.select(List.of(new Box(98, 102, 44, 96), stranger), List.of(), tracks, W, H);
        assertThat(asked).containsExactly(stranger);
    }

    @Test
    void aPlaceFoundEmptyIsQuietUntilTheRefreshAndMotionOutsideItIsAskedAgain() {
        var gate = new DetectionGate(4);
        gate.select(List.of(), List.of(), List.of(), W, H); // refresh
        Box leaves = new Box(300, 50, 60, 60);
        assertThat(gate.select(List.of(leaves), List.of(), List.of(), W, H)).containsExactly(leaves);
        gate.observed(List.of(leaves), List.of());
        assertThat(gate.select(List.of(new Box(305, 52, 58, 60)), List.of(), List.of(), W, H)).isEmpty();
        Box walkedOut = new Box(420, 50, 40, 90);
        assertThat(gate.select(List.of(walkedOut), List.of(), List.of(), W, H)).containsExactly(walkedOut);
        // the refresh forgets quiet places and looks at everything that moves
        assertThat(gate.select(List.of(leaves), List.of(), List.of(), W, H)).containsExactly(leaves);
        assertThat(gate.refreshed()).isTrue();
    }

    @Test
    void tinyFragmentsDoNotTriggerTheDetectorOnTheirOwn() {
        var gate = new DetectionGate(10);
        gate.select(List.of(), List.of(), List.of(), W, H);
        assertThat(gate.select(List.of(new Box(10, 10, 12, 8)), List.of(), List.of(), W, H)).isEmpty();
    }
}
