package org.vigie.vision.camera;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigie.core.config.ConfigException;
import org.vigie.core.config.YamlTree;
import org.vigie.vision.geom.Polygon;
import org.vigie.vision.geom.Polygon.Point;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a camera file. Every problem is reported at once with file and line; unknown keys are errors.
 *
 * <pre>
 * id: cam-0142
 * url: rtsp://10.0.0.42/stream1
 * location: {lat: 43.2965, lon: 5.3698, accuracy: 20, heading: 90}
 * analysis: {fps: 5, width: 640}
 * profile: fr-2023-828
 * detector: {kind: onnx, model: /models/yolo.onnx, input: 640, classes: [person, bicycle, car], score: 0.4, nms: 0.45, refresh: 10}
 *                     # or {kind: hog, refresh: 10, learn_heights: true}: HOG learns how tall persons are per image row
 * masks: [[[0, 0], [1, 0], [1, 0.08], [0, 0.08]]]          # the clock in the corner
 * zones:
 *   - {name: voie-1, kind: forbidden, polygon: [[0.1, 0.6], [0.5, 0.6], [0.5, 1], [0.1, 1]]}
 * lines:
 *   - {name: escalier, from: [0.2, 0.5], to: [0.8, 0.5], allowed: left_to_right}
 * homography: [[12.0, 0, 0], [0, 8.0, 0], [0, 0, 1]]      # normalised image -> metres
 * rules: {abandoned_object: {after: 60s, clearance: 0.15}, disabled: [crowd_movement]}
 * clip: {enabled: true, pre_seconds: 5, post_seconds: 5}                # video evidence around an event
 * </pre>
 */
public final class CameraConfigReader {
    private CameraConfigReader() {
    }

    public static CameraConfig read(String fileName, String text) {
        var problems = new ArrayList<String>();
        YamlTree root = YamlTree.parse(fileName, text, problems);
        CameraConfig c = read(root, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return c;
    }

    /** Reads one camera from a tree (also used for the {@code cameras:} list of the platform's file). */
    public static CameraConfig read(YamlTree t, List<String> problems) {
        String id = t.string("id", null);
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            t.problem(t.node(), "id", "expected a camera id of letters, digits, '.', '_' or '-' (1 to 64), got " + id);
            id = "camera";
        }
        String url = t.string("url", null);
        if (url == null) {
            t.problem(t.node(), "url", "expected the stream or file address, e.g. rtsp://10.0.0.42/stream1");
            url = "";
        }
        double lat = 0;
        double lon = 0;
        double accuracy = 50;
        double heading = Double.NaN;
        var loc = t.child("location");
        if (loc.isEmpty()) {
            t.problem(t.node(), "location", "expected {lat, lon} of the camera (its events are placed there)");
        } else {
            YamlTree l = loc.get();
            lat = l.number("lat", 0, -90.000001, 90);
            lon = l.number("lon", 0, -180.000001, 180);
            accuracy = l.number("accuracy", 50, -0.000001, 100_000);
            heading = l.number("heading", Double.NaN, -0.000001, 360);
            l.rejectUnknownKeys();
        }
        double fps = 5;
        int width = 640;
        var an = t.child("analysis");
        if (an.isPresent()) {
            fps = an.get().number("fps", 5, 0, 60);
            width = an.get().integer("width", 640, 96, 3840);
            an.get().rejectUnknownKeys();
        }
        String profileName = t.string("profile", LegalProfile.FR_2023_828.yamlName());
        LegalProfile profile = LegalProfile.fromYaml(profileName).orElseGet(() -> {
            t.problem(t.node(), "profile", "unknown legal profile '" + profileName + "'; expected one of " + LegalProfile.names());
            return LegalProfile.FR_2023_828;
        });
        DetectorSettings detector = t.child("detector").map(d -> detector(d, "person")).orElse(DetectorSettings.hog());
        Optional<DetectorSettings> weapon = t.child("weapon_detector").map(d -> detector(d, "weapon"));
        weapon.ifPresent(w -> {
            if (w.kind() != DetectorSettings.Kind.ONNX) {
                t.problem(t.node(), "weapon_detector", "expected kind: onnx with a model path");
            }
        });
        RuleSettings rules = t.child("rules").map(CameraConfigReader::rules).orElse(RuleSettings.defaults());
        CameraLayout layout = layout(t);
        ClipSettings clip = t.child("clip").map(CameraConfigReader::clip).orElse(ClipSettings.defaults());
        rejectUnknown(t, TOP_KEYS);
        return new CameraConfig(id, url, lat, lon, accuracy, heading, fps, width, profile, detector, weapon, rules, layout, clip);
    }

    /** Reads only the layout part (masks, zones, lines, homography): what the zone editor sends. */
    public static CameraLayout readLayout(String fileName, String text) {
        var problems = new ArrayList<String>();
        YamlTree root = YamlTree.parse(fileName, text, problems);
        CameraLayout l = layout(root);
        rejectUnknown(root, Set.of("masks", "zones", "lines", "homography"));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return l;
    }

    private static CameraLayout layout(YamlTree t) {
        var masks = new ArrayList<Polygon>();
        Node maskNode = raw(t, "masks");
        if (maskNode instanceof SequenceNode s) {
            for (Node m : s.getValue()) {
                polygon(t, "masks", m).ifPresent(masks::add);
            }
        } else if (maskNode != null) {
            t.problem(maskNode, "masks", "expected a list of polygons, each a list of [x, y] points in 0..1");
        }
        var zones = new ArrayList<Zone>();
        var names = new HashSet<String>();
        for (YamlTree z : t.list("zones")) {
            String name = z.string("name", null);
            String kindName = z.string("kind", null);
            Optional<Zone.Kind> kind = kindName == null ? Optional.empty() : Zone.Kind.fromYaml(kindName);
            if (name == null) {
                z.problem(z.node(), "name", "expected a zone name");
            } else if (!names.add(name)) {
                z.problem(z.node(), "name", "zone name '" + name + "' is used twice");
            }
            if (kind.isEmpty()) {
                z.problem(z.node(), "kind", "expected one of forbidden, sensitive, counting, furniture, graffiti-surface, got " + kindName);
            }
            Optional<Polygon> p = polygon(z, "polygon", raw(z, "polygon"));
            rejectUnknown(z, Set.of("name", "kind", "polygon"));
            if (name != null && kind.isPresent() && p.isPresent()) {
                zones.add(new Zone(name, kind.get(), p.get()));
            }
        }
        var lines = new ArrayList<DirectionLine>();
        for (YamlTree l : t.list("lines")) {
            String name = l.string("name", null);
            if (name == null) {
                l.problem(l.node(), "name", "expected a line name");
            }
            String allowedName = l.string("allowed", "both");
            DirectionLine.Allowed allowed = switch (allowedName) {
                case "left_to_right" -> DirectionLine.Allowed.LEFT_TO_RIGHT;
                case "right_to_left" -> DirectionLine.Allowed.RIGHT_TO_LEFT;
                case "both" -> DirectionLine.Allowed.BOTH;
                default -> {
                    l.problem(l.node(), "allowed", "expected left_to_right, right_to_left or both, got '" + allowedName + "'");
                    yield DirectionLine.Allowed.BOTH;
                }
            };
            double band = l.number("band", 0.15, 0, 1);
            Optional<Point> from = point(l, "from", raw(l, "from"));
            Optional<Point> to = point(l, "to", raw(l, "to"));
            rejectUnknown(l, Set.of("name", "allowed", "band", "from", "to"));
            if (name != null && from.isPresent() && to.isPresent()) {
                if (from.get().equals(to.get())) {
                    l.problem(l.node(), "to", "a line needs two different points");
                } else {
                    lines.add(new DirectionLine(name, from.get(), to.get(), allowed, band));
                }
            }
        }
        Optional<Homography> h = Optional.empty();
        Node hn = raw(t, "homography");
        if (hn != null) {
            double[] m = new double[9];
            boolean ok = hn instanceof SequenceNode rows && rows.getValue().size() == 3;
            for (int r = 0; ok && r < 3; r++) {
                if (((SequenceNode) hn).getValue().get(r) instanceof SequenceNode row && row.getValue().size() == 3) {
                    for (int c = 0; c < 3; c++) {
                        Double v = number(row.getValue().get(c));
                        ok &= v != null;
                        m[r * 3 + c] = v == null ? 0 : v;
                    }
                } else {
                    ok = false;
                }
            }
            if (ok) {
                h = Optional.of(new Homography(m));
            } else {
                t.problem(hn, "homography", "expected 3 rows of 3 numbers mapping normalised image points to metres");
            }
        }
        return new CameraLayout(masks, zones, lines, h);
    }

    private static DetectorSettings detector(YamlTree d, String defaultClass) {
        String kindName = d.string("kind", "hog");
        DetectorSettings.Kind kind = switch (kindName) {
            case "hog" -> DetectorSettings.Kind.HOG;
            case "onnx" -> DetectorSettings.Kind.ONNX;
            default -> {
                d.problem(d.node(), "kind", "expected hog or onnx, got '" + kindName + "'");
                yield DetectorSettings.Kind.HOG;
            }
        };
        Optional<Path> model = Optional.ofNullable(d.string("model", null)).map(Path::of);
        if (kind == DetectorSettings.Kind.ONNX && model.isEmpty()) {
            d.problem(d.node(), "model", "an onnx detector needs the path of its model file");
        }
        int input = d.integer("input", 640, 32, 4096);
        List<String> classes = d.strings("classes");
        if (kind == DetectorSettings.Kind.ONNX && classes.isEmpty()) {
            d.problem(d.node(), "classes", "expected the model's class names in output order, e.g. [person, bicycle, car]");
        }
        double score = d.number("score", 0.4, 0, 1);
        double nms = d.number("nms", 0.45, 0, 1);
        int refresh = d.integer("refresh", DetectorSettings.DEFAULT_REFRESH_FRAMES, 1, 1000);
        boolean learnHeights = d.bool("learn_heights", true);
        d.rejectUnknownKeys();
        return new DetectorSettings(kind, model, input, classes.isEmpty() ? List.of(defaultClass) : classes, score, nms, refresh,
                learnHeights);
    }

    private static final Set<String> TOP_KEYS = Set.of("id", "url", "location", "analysis", "profile", "detector",
            "weapon_detector", "rules", "masks", "zones", "lines", "homography", "clip");

    private static ClipSettings clip(YamlTree c) {
        ClipSettings d = ClipSettings.defaults();
        boolean enabled = c.bool("enabled", true);
        double pre = c.number("pre_seconds", d.preSeconds(), -0.000001, 30);
        double post = c.number("post_seconds", d.postSeconds(), -0.000001, 30);
        c.rejectUnknownKeys();
        return new ClipSettings(enabled, pre, post);
    }

    private static final Set<String> RULE_NAMES = Set.of("abandoned_object", "zone_intrusion", "wrong_way", "person_down",
            "crowd_density", "crowd_movement", "fire", "graffiti", "street_furniture_damage", "weapon");

    private static RuleSettings rules(YamlTree r) {
        RuleSettings d = RuleSettings.defaults();
        var ab = r.child("abandoned_object");
        Duration abAfter = ab.map(x -> x.duration("after", d.abandonedAfter())).orElse(d.abandonedAfter());
        double abClear = ab.map(x -> x.number("clearance", d.abandonedClearance(), 0, 1)).orElse(d.abandonedClearance());
        ab.ifPresent(YamlTree::rejectUnknownKeys);
        var zi = r.child("zone_intrusion");
        Duration ziAfter = zi.map(x -> x.duration("after", d.intrusionAfter())).orElse(d.intrusionAfter());
        zi.ifPresent(YamlTree::rejectUnknownKeys);
        var ww = r.child("wrong_way");
        int wwFrames = ww.map(x -> x.integer("frames", d.wrongWayFrames(), 1, 1000)).orElse(d.wrongWayFrames());
        ww.ifPresent(YamlTree::rejectUnknownKeys);
        var pd = r.child("person_down");
        Duration pdAfter = pd.map(x -> x.duration("after", d.downAfter())).orElse(d.downAfter());
        pd.ifPresent(YamlTree::rejectUnknownKeys);
        var cd = r.child("crowd_density");
        double perM2 = cd.map(x -> x.number("per_m2", d.densityPerSquareMetre(), 0, 20)).orElse(d.densityPerSquareMetre());
        int perZone = cd.map(x -> x.integer("per_zone", d.densityPerZone(), 1, 100_000)).orElse(d.densityPerZone());
        Duration cdAfter = cd.map(x -> x.duration("after", d.densityAfter())).orElse(d.densityAfter());
        cd.ifPresent(YamlTree::rejectUnknownKeys);
        var cm = r.child("crowd_movement");
        double sigma = cm.map(x -> x.number("sigma", d.movementSigma(), 0, 100)).orElse(d.movementSigma());
        double minSpeed = cm.map(x -> x.number("min_speed", d.movementMinSpeed(), 0, 1000)).orElse(d.movementMinSpeed());
        cm.ifPresent(YamlTree::rejectUnknownKeys);
        var fi = r.child("fire");
        Duration fiAfter = fi.map(x -> x.duration("after", d.fireAfter())).orElse(d.fireAfter());
        fi.ifPresent(YamlTree::rejectUnknownKeys);
        var gr = r.child("graffiti");
        Duration grAfter = gr.map(x -> x.duration("after", d.graffitiAfter())).orElse(d.graffitiAfter());
        double grShare = gr.map(x -> x.number("share", d.graffitiShare(), 0, 1)).orElse(d.graffitiShare());
        gr.ifPresent(YamlTree::rejectUnknownKeys);
        var sf = r.child("street_furniture_damage");
        Duration sfAfter = sf.map(x -> x.duration("after", d.furnitureAfter())).orElse(d.furnitureAfter());
        double sfSim = sf.map(x -> x.number("similarity", d.furnitureSimilarity(), 0, 1)).orElse(d.furnitureSimilarity());
        sf.ifPresent(YamlTree::rejectUnknownKeys);
        var we = r.child("weapon");
        double wScore = we.map(x -> x.number("score", d.weaponScore(), 0, 1)).orElse(d.weaponScore());
        we.ifPresent(YamlTree::rejectUnknownKeys);
        var disabled = new LinkedHashSet<String>();
        for (String s : r.strings("disabled")) {
            if (RULE_NAMES.contains(s)) {
                disabled.add(s);
            } else {
                r.problem(r.node(), "disabled", "unknown rule '" + s + "'; expected some of " + new java.util.TreeSet<>(RULE_NAMES));
            }
        }
        r.rejectUnknownKeys();
        return new RuleSettings(abAfter, abClear, ziAfter, wwFrames, pdAfter, perM2, perZone, cdAfter, sigma, minSpeed,
                fiAfter, grAfter, grShare, sfAfter, sfSim, wScore, Set.copyOf(disabled));
    }

    // --- nested lists of numbers, which YamlTree does not read ---

    /** The raw node of a key, for values YamlTree cannot wrap; callers check unknown keys with rejectUnknown. */
    private static Node raw(YamlTree t, String key) {
        if (t.node() instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    return tuple.getValueNode();
                }
            }
        }
        return null;
    }

    /**
     * A mapping that holds raw values cannot use {@link YamlTree#rejectUnknownKeys} (it would not know the raw
     * keys were read), so it is checked here against the keys it may have.
     */
    private static void rejectUnknown(YamlTree t, Set<String> known) {
        if (t.node() instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && !known.contains(k.getValue())) {
                    t.problem(tuple.getKeyNode(), k.getValue(), "unknown key; expected one of " + new java.util.TreeSet<>(known));
                }
            }
        }
    }

    private static Optional<Polygon> polygon(YamlTree t, String key, Node n) {
        if (n == null) {
            t.problem(t.node(), key, "expected a polygon: a list of at least 3 [x, y] points in 0..1");
            return Optional.empty();
        }
        if (!(n instanceof SequenceNode s) || s.getValue().size() < 3) {
            t.problem(n, key, "expected a polygon: a list of at least 3 [x, y] points in 0..1");
            return Optional.empty();
        }
        var pts = new ArrayList<Point>();
        for (Node p : s.getValue()) {
            point(t, key, p).ifPresent(pts::add);
        }
        if (pts.size() != s.getValue().size()) {
            return Optional.empty();
        }
        Polygon poly = new Polygon(pts);
        if (poly.area() <= 0) {
            t.problem(n, key, "the polygon has no area (points on one line?)");
            return Optional.empty();
        }
        return Optional.of(poly);
    }

    private static Optional<Point> point(YamlTree t, String key, Node n) {
        if (n instanceof SequenceNode s && s.getValue().size() == 2) {
            Double x = number(s.getValue().get(0));
            Double y = number(s.getValue().get(1));
            if (x != null && y != null && x >= 0 && x <= 1 && y >= 0 && y <= 1) {
                return Optional.of(new Point(x, y));
            }
        }
        t.problem(n, key, "expected a point [x, y] with x and y between 0 and 1 (fractions of the image width and height)");
        return Optional.empty();
    }

    private static Double number(Node n) {
        if (n instanceof ScalarNode s) {
            try {
                double v = Double.parseDouble(s.getValue().trim());
                return Double.isFinite(v) ? v : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
