package org.vigie.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.vigie.core.config.ConfigException;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.evidence.EvidenceStore;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.Json;
import org.vigie.core.model.Event;
import org.vigie.vision.camera.CameraConfig;
import org.vigie.vision.camera.CameraConfigReader;
import org.vigie.vision.detect.Detector;
import org.vigie.vision.detect.Detectors;
import org.vigie.vision.detect.HogPersonDetector;
import org.vigie.vision.eval.Evaluations;
import org.vigie.vision.eval.FurgLabels;
import org.vigie.vision.eval.MotLabels;
import org.vigie.vision.eval.Scores;
import org.vigie.vision.pipeline.CameraPipeline;
import org.vigie.vision.source.FfmpegFrameSource;
import org.vigie.vision.source.FrameSourceException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code vigie video}: analyse a file or stream, or evaluate the detectors on labelled clips. */
@Command(name = "video", mixinStandardHelpOptions = true,
        description = "Video analytics: analyse a file or stream, evaluate on labelled clips.",
        subcommands = {VideoCommand.Analyze.class, VideoCommand.Eval.class})
public final class VideoCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Marseille's Hôtel de Ville: where events of a file without a camera file are placed, with a wide accuracy. */
    static final double DEFAULT_LAT = 43.2965;
    static final double DEFAULT_LON = 5.3698;

    static CameraConfig camera(Path file, String input) throws IOException {
        if (file == null) {
            return CameraConfig.defaults("file", input.length() > 120 ? input.substring(0, 120) : input, DEFAULT_LAT, DEFAULT_LON, 5000)
                    .withUrl(input);
        }
        return CameraConfigReader.read(file.toString(), Files.readString(file)).withUrl(input);
    }

    /** The API's JSON shape, plus {@code attributes.offsetSeconds} (attribute keys are snake_case in events). */
    static String line(Event e) {
        ObjectNode n = EventJson.write(e);
        e.attributes().findNumber("offset_s").ifPresent(o -> ((ObjectNode) n.get("attributes")).put("offsetSeconds", o));
        return n.toString();
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Runs the camera pipeline over a file or stream and writes its events as JSON lines.")
    static final class Analyze implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "INPUT", description = "A video file or a stream address (rtsp://, http://).")
        String input;

        @Option(names = "--camera", paramLabel = "FILE.yaml", description = "Camera file: zones, lines, thresholds, profile. "
                + "Without it: whole frame, every rule of the default profile that needs no zone.")
        Path cameraFile;

        @Option(names = "--out", paramLabel = "events.jsonl", description = "Where to write events (default: standard output).")
        Path out;

        @Option(names = "--snapshots", paramLabel = "DIR", description = "Store a snapshot (persons pixelated) per event start here.")
        Path snapshots;

        @Override
        public Integer call() throws IOException {
            CameraConfig cam;
            try {
                cam = camera(cameraFile, input);
            } catch (ConfigException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            Optional<EvidenceStore> evidence = snapshots == null ? Optional.empty()
                    : Optional.of(new DirectoryEvidenceStore(snapshots));
            var counts = new TreeMap<String, Integer>();
            PrintStream err = System.err;
            try (var source = FfmpegFrameSource.open(input, FfmpegFrameSource.Settings.defaults().withAnalysisFps(cam.analysisFps()));
                 Detector detector = Detectors.forCamera(cam);
                 var pipeline = new CameraPipeline(cam, detector, Detectors.weaponFor(cam), evidence, InstantSource.system());
                 Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                         : Files.newBufferedWriter(out);
                 var bar = new ProgressBar(err, "frames", Math.max(1, source.expectedFrames()))) {
                pipeline.unavailableRules().forEach((rule, why) -> err.println("rule " + rule + " unavailable: " + why));
                long decoded = 0;
                org.vigie.vision.source.VideoFrame last = null;
                for (var f = source.next(); f.isPresent(); f = source.next()) {
                    last = f.get();
                    for (Event e : pipeline.process(last).events()) {
                        w.write(line(e));
                        w.write('\n');
                        counts.merge(e.type().jsonName(), 1, Integer::sum);
                    }
                    long now = source.health().decodedFrames();
                    bar.step(now - decoded);
                    decoded = now;
                }
                if (last != null) {
                    for (Event e : pipeline.finish(last.capturedAt(), last.offsetSeconds()).events()) {
                        w.write(line(e));
                        w.write('\n');
                        counts.merge(e.type().jsonName(), 1, Integer::sum);
                    }
                }
                w.flush();
                var h = source.health();
                err.printf("%d frames decoded, %d analysed, %d undecodable skipped, %d reconnections; events: %s%n",
                        h.decodedFrames(), h.analysedFrames(), h.decodeErrors(), h.reconnects(), counts);
                // One line per how long and why: a covered lens blinds every rule alike.
                var byCause = new TreeMap<String, List<String>>();
                pipeline.blindness().forEach((rule, b) -> byCause.computeIfAbsent(
                        b.frames() + " of " + h.analysedFrames() + " analysed frames: " + b.reason(),
                        k -> new ArrayList<>()).add(rule));
                byCause.forEach((cause, rules) -> err.printf("%s %s could not see in %s%n",
                        rules.size() == 1 ? "rule" : "rules", String.join(", ", rules.stream().sorted().toList()), cause));
            } catch (FrameSourceException e) {
                err.println(e.getMessage());
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Scores the pipeline on a labelled clip and prints JSON: fire (FURG XML, frame-level) or persons "
                    + "(MOT gt.txt, detections at IoU 0.5).")
    static final class Eval implements Callable<Integer> {
        enum Task { fire, persons }

        @Option(names = "--task", required = true, description = "fire or persons")
        Task task;

        @Option(names = "--video", required = true, paramLabel = "FILE", description = "The clip, or a folder of MOT images (000001.jpg...).")
        Path video;

        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "FURG .xml (fire) or MOT gt.txt (persons).")
        Path labels;

        @Option(names = "--camera", paramLabel = "FILE.yaml", description = "Camera file (detector, thresholds); default: HOG, defaults.")
        Path cameraFile;

        @Override
        public Integer call() throws IOException {
            String input = Files.isDirectory(video) ? video.resolve("%06d.jpg").toString() : video.toString();
            CameraConfig cam = camera(cameraFile, input);
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("task", task.name());
            out.put("video", video.toString());
            if (task == Task.fire) {
                FurgLabels l = FurgLabels.read(labels);
                try (Detector d = Detectors.forCamera(cam)) {
                    var r = Evaluations.fire(input, l, cam, d);
                    out.put("frames", r.totalFrames());
                    out.put("analysed_frames", r.analysedFrames());
                    scores(out.putObject("frame_level"), r.frames());
                    out.set("events", eventCounts(r.events()));
                }
            } else {
                MotLabels l = MotLabels.read(labels);
                try (Detector full = Detectors.forCamera(cam); Detector gated = Detectors.forCamera(cam)) {
                    var r = Evaluations.persons(input, l, cam, full, gated);
                    out.put("frames", r.frames());
                    out.put("detector", full instanceof HogPersonDetector ? "hog" : "onnx");
                    out.put("iou", 0.5);
                    scores(out.putObject("whole_frame"), r.detector());
                    scores(out.putObject("motion_gated"), r.pipeline());
                    scores(out.putObject("tracked"), r.tracked());
                    out.set("events", eventCounts(r.events()));
                }
            }
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(out));
            return 0;
        }

        private static void scores(ObjectNode n, Scores s) {
            n.put("tp", s.tp()).put("fp", s.fp()).put("fn", s.fn()).put("tn", s.tn());
            n.put("precision", Double.isNaN(s.precision()) ? null : round(s.precision()));
            n.put("recall", Double.isNaN(s.recall()) ? null : round(s.recall()));
        }

        private static Double round(double v) {
            return Math.round(v * 1000) / 1000.0;
        }

        private static ObjectNode eventCounts(java.util.List<Event> events) {
            Map<String, Integer> m = new TreeMap<>();
            events.stream().filter(e -> "start".equals(e.attributes().findText("phase").orElse("")))
                    .forEach(e -> m.merge(e.type().jsonName(), 1, Integer::sum));
            ObjectNode n = Json.MAPPER.createObjectNode();
            m.forEach(n::put);
            return n;
        }
    }
}
