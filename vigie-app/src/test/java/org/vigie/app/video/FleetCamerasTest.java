package org.vigie.app.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.cameras.CameraLayout;
import org.vigie.server.cameras.CameraLayout.Direction;
import org.vigie.server.cameras.CameraLayout.Line;
import org.vigie.server.cameras.CameraLayout.Point;
import org.vigie.server.cameras.CameraLayout.ZoneKind;
import org.vigie.server.cameras.ConfiguredCameras;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.DirectionLine;
import org.vigie.vision.camera.Homography;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Polygon;
import org.vigie.vision.pipeline.CameraFleet;
import org.vigie.vision.pipeline.CameraHealth;
import org.vigie.vision.pipeline.CountSample;

class FleetCamerasTest {
    static final Instant T = Instant.parse("2026-11-29T10:00:00Z");

    /** A fleet held in memory: the adapter is tested against the port, not against running threads. */
    static final class HeldFleet implements CameraFleet {
        final List<CameraConfig> cameras;
        final Map<String, org.vigie.vision.camera.CameraLayout> layouts = new ConcurrentHashMap<>();

        HeldFleet(CameraConfig... cameras) {
            this.cameras = List.of(cameras);
            for (CameraConfig c : cameras) {
                layouts.put(c.id(), c.layout());
            }
        }

        @Override
        public List<CameraConfig> cameras() {
            return cameras.stream().map(c -> c.withLayout(layouts.get(c.id()))).toList();
        }

        @Override
        public Optional<org.vigie.vision.camera.CameraLayout> layout(String id) {
            return Optional.ofNullable(layouts.get(id));
        }

        @Override
        public boolean replaceLayout(String id, org.vigie.vision.camera.CameraLayout layout) {
            return layouts.replace(id, layout) != null;
        }

        @Override
        public Optional<byte[]> latestSnapshot(String id) {
            return layouts.containsKey(id) ? Optional.of(new byte[] {(byte) 0xFF, (byte) 0xD8}) : Optional.empty();
        }

        @Override
        public Optional<CameraHealth> health(String id) {
            return layouts.containsKey(id)
                    ? Optional.of(new CameraHealth(id, true, T, 5, 10, 0, 0, null, Map.of(), 0, 0, null)) : Optional.empty();
        }

        @Override
        public List<CountSample> counts(String id) {
            return List.of();
        }
    }

    static Polygon.Point p(double x, double y) {
        return new Polygon.Point(x, y);
    }

    static final org.vigie.vision.camera.CameraLayout FILE_LAYOUT = new org.vigie.vision.camera.CameraLayout(
            List.of(new Polygon(List.of(p(0, 0), p(1, 0), p(1, 0.05), p(0, 0.05)))),
            List.of(new Zone("quai", Zone.Kind.FORBIDDEN, new Polygon(List.of(p(0.1, 0.7), p(0.5, 0.7), p(0.5, 1), p(0.1, 1)))),
                    new Zone("mur", Zone.Kind.GRAFFITI_SURFACE, new Polygon(List.of(p(0.6, 0.1), p(0.9, 0.1), p(0.9, 0.4))))),
            List.of(new DirectionLine("escalier", p(0.2, 0.5), p(0.8, 0.5), DirectionLine.Allowed.LEFT_TO_RIGHT, 0.3)),
            Optional.of(new Homography(new double[] {12, 0, 0, 0, 8, 0, 0, 0, 1})));

    static CameraConfig camera() {
        return CameraConfig.defaults("cam-gare", "street.ts", 43.3027, 5.3806, 15).withLayout(FILE_LAYOUT);
    }

    @Test
    void everyZoneKindAndDirectionSurvivesTheRoundTripAndTheFileOnlyPartsAreKept() {
        var fleet = new HeldFleet(camera());
        var cameras = new FleetCameras(fleet, Clock.fixed(T, ZoneOffset.UTC));
        CameraLayout shown = cameras.layout("cam-gare");
        assertThat(shown.zones()).extracting(CameraLayout.Zone::name, CameraLayout.Zone::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("quai", ZoneKind.FORBIDDEN),
                        org.assertj.core.groups.Tuple.tuple("mur", ZoneKind.GRAFFITI_SURFACE));
        assertThat(shown.zones().get(0).points()).containsExactly(new Point(0.1, 0.7), new Point(0.5, 0.7),
                new Point(0.5, 1), new Point(0.1, 1));
        assertThat(shown.lines()).containsExactly(new Line("escalier", new Point(0.2, 0.5), new Point(0.8, 0.5),
                Direction.LEFT_TO_RIGHT));

        var zones = new java.util.ArrayList<CameraLayout.Zone>();
        for (ZoneKind k : ZoneKind.values()) {
            zones.add(new CameraLayout.Zone("z-" + k.jsonName(), k,
                    List.of(new Point(0, 0), new Point(0.5, 0), new Point(0.5, 0.5))));
        }
        var lines = List.of(new Line("escalier", new Point(0.1, 0.1), new Point(0.9, 0.1), Direction.RIGHT_TO_LEFT),
                new Line("sortie", new Point(0.9, 0.1), new Point(0.9, 0.9), Direction.BOTH),
                new Line("entree", new Point(0.1, 0.9), new Point(0.1, 0.2), Direction.LEFT_TO_RIGHT));
        var edited = new CameraLayout(zones, lines);
        cameras.replaceLayout("cam-gare", edited);

        assertThat(cameras.layout("cam-gare")).isEqualTo(edited);
        var running = fleet.layout("cam-gare").orElseThrow();
        assertThat(running.zones()).extracting(Zone::kind).containsExactly(Zone.Kind.values());
        assertThat(running.lines()).extracting(DirectionLine::allowed).containsExactly(DirectionLine.Allowed.RIGHT_TO_LEFT,
                DirectionLine.Allowed.BOTH, DirectionLine.Allowed.LEFT_TO_RIGHT);
        assertThat(running.lines()).extracting(DirectionLine::band).containsExactly(0.3, FleetCameras.DEFAULT_BAND,
                FleetCameras.DEFAULT_BAND);
        assertThat(running.masks()).isEqualTo(FILE_LAYOUT.masks());
        assertThat(running.homography()).isEqualTo(FILE_LAYOUT.homography());
    }

    @Test
    void theSameSideIsLeftOnBothSides() {
        // Someone at a facing b (east, image y down) has the top of the image (y smaller) on the left.
        var fleet = new HeldFleet(camera());
        var cameras = new FleetCameras(fleet, Clock.fixed(T, ZoneOffset.UTC));
        cameras.replaceLayout("cam-gare", new CameraLayout(List.of(),
                List.of(new Line("l", new Point(0.2, 0.5), new Point(0.8, 0.5), Direction.LEFT_TO_RIGHT))));
        DirectionLine d = fleet.layout("cam-gare").orElseThrow().lines().get(0);
        assertThat(d.side(0.5, 0.2)).isEqualTo(-1);
        assertThat(d.allowedDirection()[1]).as("allowed crossing goes from the top to the bottom").isPositive();
    }

    @Test
    void camerasSnapshotsAndUnknownIds() {
        var cameras = new FleetCameras(new HeldFleet(camera()), Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC));
        assertThat(cameras.cameras()).containsExactly(new CameraDirectory.Camera("cam-gare", "cam-gare", 43.3027, 5.3806));
        var snap = cameras.latestSnapshot("cam-gare").orElseThrow();
        assertThat(snap.mediaType()).isEqualTo("image/jpeg");
        assertThat(snap.capturedAt()).as("time of the last analysed frame").isEqualTo(T);
        assertThat(cameras.latestSnapshot("nope")).isEmpty();
        assertThatThrownBy(() -> cameras.layout("nope")).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> cameras.replaceLayout("nope", CameraLayout.EMPTY)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void theCompositeRoutesEachIdToItsDirectoryAndRefusesAnIdHeldTwice() {
        var fleet = new HeldFleet(camera());
        var still = new ConfiguredCameras(List.of(new CameraDirectory.Camera("cam-vieux-port", "Vieux-Port", 43.2951, 5.3739)),
                Clock.fixed(T, ZoneOffset.UTC));
        var all = new CameraDirectories(List.of(new FleetCameras(fleet, Clock.systemUTC()), still));
        assertThat(all.cameras()).extracting(CameraDirectory.Camera::id).containsExactly("cam-gare", "cam-vieux-port");
        var layout = new CameraLayout(List.of(), List.of(new Line("rue", new Point(0, 0.5), new Point(1, 0.5), Direction.BOTH)));
        all.replaceLayout("cam-vieux-port", layout);
        assertThat(still.layout("cam-vieux-port")).isEqualTo(layout);
        assertThat(fleet.layout("cam-gare").orElseThrow()).isEqualTo(FILE_LAYOUT);
        assertThat(all.latestSnapshot("cam-vieux-port").orElseThrow().mediaType()).isEqualTo("image/png");
        assertThat(all.latestSnapshot("cam-gare").orElseThrow().mediaType()).isEqualTo("image/jpeg");
        assertThatThrownBy(() -> all.layout("nope")).isInstanceOf(NoSuchElementException.class);

        var clash = new ConfiguredCameras(List.of(new CameraDirectory.Camera("cam-gare", "Gare", 43.3, 5.38)), Clock.systemUTC());
        assertThatThrownBy(() -> new CameraDirectories(List.of(new FleetCameras(fleet, Clock.systemUTC()), clash)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cam-gare");
    }

    @Test
    void anEditIsWrittenBackToTheCameraFileOrSaidNotToBe(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        var file = dir.resolve("gare.yaml");
        String text = """
                # quai A
                id: cam-gare
                url: street.ts
                location: {lat: 43.3027, lon: 5.3806}
                zones: []
                lines: [{name: escalier, from: [0.2, 0.5], to: [0.8, 0.5], allowed: left_to_right, band: 0.3}]
                """;
        java.nio.file.Files.writeString(file, text);
        var fleet = new HeldFleet(camera());
        var cameras = new FleetCameras(fleet, Map.of("cam-gare", file), Clock.fixed(T, ZoneOffset.UTC));
        var edited = new CameraLayout(List.of(new CameraLayout.Zone("parvis", ZoneKind.COUNTING,
                List.of(new Point(0, 0.5), new Point(1, 0.5), new Point(1, 1)))),
                List.of(new Line("escalier", new Point(0.3, 0.4), new Point(0.7, 0.4), Direction.BOTH)));
        CameraDirectory.Saved saved = cameras.replaceLayout("cam-gare", edited);
        assertThat(saved.persisted()).as(saved.note()).isTrue();
        var reread = org.vigie.vision.camera.CameraConfigReader.read("gare.yaml", java.nio.file.Files.readString(file));
        assertThat(reread.layout().zones()).isEqualTo(fleet.layout("cam-gare").orElseThrow().zones());
        assertThat(reread.layout().lines()).isEqualTo(fleet.layout("cam-gare").orElseThrow().lines());
        assertThat(java.nio.file.Files.readString(file)).startsWith("# quai A\nid: cam-gare\n");

        java.nio.file.Files.delete(file);
        CameraDirectory.Saved unkept = cameras.replaceLayout("cam-gare", CameraLayout.EMPTY);
        assertThat(unkept.persisted()).isFalse();
        assertThat(unkept.note()).contains("gare.yaml");
        assertThat(fleet.layout("cam-gare").orElseThrow().zones()).as("applied live all the same").isEmpty();
        assertThat(new FleetCameras(fleet, Clock.systemUTC()).replaceLayout("cam-gare", edited).persisted())
                .as("no file configured").isFalse();
    }
}
