package org.vigie.app.video;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.vigie.server.cameras.CameraDirectory;
import org.vigie.server.cameras.CameraLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigie.vision.camera.CameraLayoutWriter;
import org.vigie.vision.camera.DirectionLine;
import org.vigie.vision.camera.Zone;
import org.vigie.vision.geom.Polygon;
import org.vigie.vision.pipeline.CameraFleet;
import org.vigie.vision.pipeline.CameraHealth;

/**
 * The cameras the video pipeline runs, as the console's zone editor sees them. The console draws zones and
 * direction lines only; the masks, the ground plane and each line's band come from the camera file and are kept
 * when the console replaces a layout, so an edit in the browser never undoes what the file set up. An edited layout
 * applies to the running camera at once, then is written back into the camera's file (its zones and lines only,
 * atomically) so that a restart keeps it; when the file cannot be written, the edit still holds until the restart
 * and the caller is told.
 */
public final class FleetCameras implements CameraDirectory {
    /** The camera file's default band of a direction line, for lines drawn in the console. */
    static final double DEFAULT_BAND = 0.15;

    private static final Logger LOG = LoggerFactory.getLogger(FleetCameras.class);

    private final CameraFleet fleet;
    private final Map<String, Path> files;
    private final Clock clock;

    /** Cameras without files: edited layouts stay in memory. */
    public FleetCameras(CameraFleet fleet, Clock clock) {
        this(fleet, Map.of(), clock);
    }

    /** @param files each camera's file by id, where edited layouts are written back */
    public FleetCameras(CameraFleet fleet, Map<String, Path> files, Clock clock) {
        this.fleet = fleet;
        this.files = Map.copyOf(files);
        this.clock = clock;
    }

    @Override
    public List<Camera> cameras() {
        // Camera files have no display name: the id is what operators know a camera by.
        return fleet.cameras().stream().map(c -> new Camera(c.id(), c.id(), c.lat(), c.lon())).toList();
    }

    @Override
    public Optional<Snapshot> latestSnapshot(String id) {
        // The pipeline keeps only JPEGs with persons pixelated; the capture time is that of the last analysed frame.
        return fleet.latestSnapshot(id).map(jpeg -> new Snapshot("image/jpeg", jpeg,
                fleet.health(id).map(CameraHealth::lastFrameAt).filter(t -> t != null).orElseGet(clock::instant)));
    }

    @Override
    public CameraLayout layout(String id) {
        return toConsole(fleet.layout(id).orElseThrow(() -> new NoSuchElementException("no camera " + id)));
    }

    @Override
    public synchronized Saved replaceLayout(String id, CameraLayout layout) {
        // One edit at a time: two saves racing would otherwise leave the file with the older of the two.
        var current = fleet.layout(id).orElseThrow(() -> new NoSuchElementException("no camera " + id));
        var next = toVision(layout, current);
        if (!fleet.replaceLayout(id, next)) {
            throw new NoSuchElementException("no camera " + id);
        }
        Path file = files.get(id);
        if (file == null) {
            return Saved.notPersisted("camera " + id + " has no camera file; the layout holds until the next restart");
        }
        try {
            CameraLayoutWriter.write(file, next);
            return Saved.written(file.getFileName().toString());
        } catch (IOException | RuntimeException e) {
            LOG.warn("camera {}: the edited layout applies now but could not be written to {}: {}", id, file, e.toString());
            return Saved.notPersisted("the layout applies now but could not be written to the camera file "
                    + file.getFileName() + " (" + e.getClass().getSimpleName() + "); a restart will bring back the file's "
                    + "layout");
        }
    }

    static CameraLayout toConsole(org.vigie.vision.camera.CameraLayout l) {
        var zones = new ArrayList<CameraLayout.Zone>();
        for (Zone z : l.zones()) {
            var kind = CameraLayout.ZoneKind.fromJson(z.kind().yamlName()).orElseThrow();
            zones.add(new CameraLayout.Zone(z.name(), kind, z.polygon().points().stream().map(FleetCameras::point).toList()));
        }
        var lines = new ArrayList<CameraLayout.Line>();
        for (DirectionLine d : l.lines()) {
            lines.add(new CameraLayout.Line(d.name(), point(d.from()), point(d.to()), switch (d.allowed()) {
                case LEFT_TO_RIGHT -> CameraLayout.Direction.LEFT_TO_RIGHT;
                case RIGHT_TO_LEFT -> CameraLayout.Direction.RIGHT_TO_LEFT;
                case BOTH -> CameraLayout.Direction.BOTH;
            }));
        }
        return new CameraLayout(zones, lines);
    }

    /**
     * The console's zones and lines over the current layout: masks and ground plane kept, and a line that keeps its
     * name keeps its band. Both sides put "left" on the left of someone at the first point facing the second.
     */
    static org.vigie.vision.camera.CameraLayout toVision(CameraLayout l, org.vigie.vision.camera.CameraLayout current) {
        var zones = new ArrayList<Zone>();
        for (CameraLayout.Zone z : l.zones()) {
            var kind = Zone.Kind.fromYaml(z.kind().jsonName()).orElseThrow();
            zones.add(new Zone(z.name(), kind, new Polygon(z.points().stream().map(FleetCameras::point).toList())));
        }
        var lines = new ArrayList<DirectionLine>();
        for (CameraLayout.Line d : l.lines()) {
            double band = current.lines().stream().filter(x -> x.name().equals(d.name())).mapToDouble(DirectionLine::band)
                    .findFirst().orElse(DEFAULT_BAND);
            lines.add(new DirectionLine(d.name(), point(d.a()), point(d.b()), switch (d.allowed()) {
                case LEFT_TO_RIGHT -> DirectionLine.Allowed.LEFT_TO_RIGHT;
                case RIGHT_TO_LEFT -> DirectionLine.Allowed.RIGHT_TO_LEFT;
                case BOTH -> DirectionLine.Allowed.BOTH;
            }, band));
        }
        return new org.vigie.vision.camera.CameraLayout(current.masks(), zones, lines, current.homography());
    }

    private static CameraLayout.Point point(Polygon.Point p) {
        return new CameraLayout.Point(p.x(), p.y());
    }

    private static Polygon.Point point(CameraLayout.Point p) {
        return new Polygon.Point(p.x(), p.y());
    }
}
