package org.vigie.vision.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigie.vision.detect.Detection;
import org.vigie.vision.geom.Box;
import org.vigie.vision.track.Tracker;

class SnapshotsTest {
    @Test
    void aPersonIsPixelatedWithAMarginAroundTheBoxAndWithTheMotionTouchingIt() {
        var person = new Box(100, 50, 40, 100);
        var car = new Box(300, 200, 120, 60);
        var tracks = new Tracker(2).update(List.of(new Detection(person, "person", 0.9), new Detection(car, "car", 0.9)),
                List.of(), 0);
        var swingingBag = new Box(135, 110, 30, 20);
        var elsewhere = new Box(500, 20, 30, 30);

        List<Box> regions = Snapshots.personRegions(tracks, List.of(swingingBag, elsewhere));

        // the box grown by 15 % on every side: 6 px left and right, 15 px above and below
        assertThat(regions).anySatisfy(r -> {
            assertThat(r.x()).isCloseTo(94, within(1e-9));
            assertThat(r.y()).isCloseTo(35, within(1e-9));
            assertThat(r.right()).isCloseTo(146, within(1e-9));
            assertThat(r.bottom()).isCloseTo(165, within(1e-9));
        });
        assertThat(regions).contains(swingingBag).doesNotContain(elsewhere);
        // a vehicle is not a person: nothing of it is pixelated
        assertThat(regions).noneMatch(r -> r.intersection(car) > 0);
    }
}
