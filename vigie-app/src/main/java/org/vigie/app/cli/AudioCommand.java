package org.vigie.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigie.audio.AcousticSensor;
import org.vigie.audio.classify.Evaluation;
import org.vigie.audio.classify.LabelledClips;
import org.vigie.audio.classify.LogisticModel;
import org.vigie.audio.classify.Training;
import org.vigie.audio.detect.Detection;
import org.vigie.audio.detect.ImpulseClassifier;
import org.vigie.audio.detect.ImpulseDetector;
import org.vigie.audio.detect.ImpulseRules;
import org.vigie.audio.detect.SensorPipeline;
import org.vigie.audio.read.AudioClip;
import org.vigie.audio.read.AudioFiles;
import org.vigie.audio.source.FolderWatch;
import org.vigie.core.evidence.DirectoryEvidenceStore;
import org.vigie.core.json.EventJson;
import org.vigie.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "audio", mixinStandardHelpOptions = true,
        description = "Acoustic detection: train and evaluate the impulse classifier, run the detector on files.",
        subcommands = {AudioCommand.Train.class, AudioCommand.Eval.class, AudioCommand.Detect.class, AudioCommand.Watch.class})
public final class AudioCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    static ImpulseClassifier classifier(Path model) throws IOException {
        return model == null ? new ImpulseRules() : LogisticModel.read(model);
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Train a classifier (logistic regression, JSON model file) on labelled clips.",
                    "Labels: UrbanSound8K metadata CSV (gun_shot is a gunshot, siren a siren, the rest other) or file,class.",
                    "Train and evaluate on different folds: never the same recordings."})
    static final class Train implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "DIR", description = "Folders of WAV or FLAC clips.")
        List<Path> dirs;

        @Option(names = "--labels", arity = "1..*", required = true, paramLabel = "CSV", description = "Label files.")
        List<Path> labels;

        @Option(names = "--out", required = true, paramLabel = "MODEL", description = "Model file to write (JSON).")
        Path out;

        @Option(names = "--l2", defaultValue = "" + LogisticModel.DEFAULT_L2, description = "L2 penalty (default: ${DEFAULT-VALUE}).")
        double l2;

        @Override
        public Integer call() throws IOException {
            var listing = LabelledClips.list(dirs, labels);
            if (listing.clips().isEmpty()) {
                System.err.println("no labelled clips in " + dirs + " (" + listing.unlabelled().size() + " without a label)");
                return 1;
            }
            Training.Examples examples;
            try (var progress = new ProgressBar(System.err, "clips", listing.clips().size())) {
                examples = Training.examples(listing.clips(), i -> progress.step(1));
            }
            var model = LogisticModel.train(examples.features(), examples.labels(), l2, LogisticModel.DEFAULT_ITERATIONS);
            model.write(out, String.join(" ", dirs.stream().map(Path::toString).toList()));
            var summary = Json.MAPPER.createObjectNode();
            summary.put("model", out.toString());
            summary.put("clips", listing.clips().size());
            summary.put("examples", examples.features().size());
            model.classes().forEach(c -> summary.withArray("classes").add(c.label()));
            summary.put("unlabelled_files", listing.unlabelled().size());
            examples.unreadable().forEach(summary.putArray("unreadable")::add);
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Per-class precision, recall and F1 (JSON) of detector and classifier on labelled clips.")
    static final class Eval implements Callable<Integer> {
        @Parameters(arity = "1", paramLabel = "DIR", description = "Folder of WAV or FLAC clips.")
        Path dir;

        @Option(names = "--labels", arity = "1..*", required = true, paramLabel = "CSV", description = "Label files.")
        List<Path> labels;

        @Option(names = "--model", paramLabel = "MODEL", description = "A trained model; without it, the physics rules.")
        Path model;

        @Override
        public Integer call() throws IOException {
            var listing = LabelledClips.list(List.of(dir), labels);
            ImpulseClassifier classifier = classifier(model);
            Evaluation evaluation;
            try (var progress = new ProgressBar(System.err, "clips", listing.clips().size())) {
                evaluation = Evaluation.run(listing.clips(), classifier, i -> progress.step(1));
            }
            var json = evaluation.toJson();
            json.put("unlabelled_files", listing.unlabelled().size());
            System.out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
            return 0;
        }
    }

    /** What {@code detect} and {@code watch} share: the classifier, where evidence goes, and the sensor's place. */
    static final class DetectorOptions {
        @Option(names = "--model", paramLabel = "MODEL", description = "A trained model; without it, the physics rules.")
        Path model;

        @Option(names = "--evidence", defaultValue = "vigie-data/evidence", paramLabel = "DIR",
                description = "Where impulsive segments go (default: ${DEFAULT-VALUE}).")
        Path evidence;

        @Option(names = "--lat", defaultValue = "43.2965", description = "Sensor latitude (default: ${DEFAULT-VALUE}).")
        double lat;

        @Option(names = "--lon", defaultValue = "5.3698", description = "Sensor longitude (default: ${DEFAULT-VALUE}).")
        double lon;
    }

    @Command(name = "detect", mixinStandardHelpOptions = true,
            description = {"Run the detector on audio files and print the events it would raise, one JSON per line.",
                    "The impulsive segments are written to an evidence folder; the rest of the audio is not kept."})
    static final class Detect implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV or FLAC files.")
        List<Path> files;

        @Mixin
        DetectorOptions detector;

        @Option(names = "--sensor", defaultValue = "file", description = "Sensor id for the events (default: ${DEFAULT-VALUE}).")
        String sensorId;


        @Override
        public Integer call() throws IOException {
            ImpulseClassifier classifier = classifier(detector.model);
            var store = new DirectoryEvidenceStore(detector.evidence);
            int failures = 0;
            for (Path file : files) {
                failures += detect(file, new AcousticSensor(sensorId, detector.lat, detector.lon), classifier, store) ? 0 : 1;
            }
            return failures == 0 ? 0 : 1;
        }
    }

    /** Prints the events of one file; false when it could not be read (the reason goes to stderr). */
    static boolean detect(Path file, AcousticSensor sensor, ImpulseClassifier classifier, DirectoryEvidenceStore store)
            throws IOException {
        AudioClip clip;
        try {
            clip = AudioFiles.read(file);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return false;
        }
        // A file has no capture clock: its modification time stands for the end of the recording.
        Instant end = Files.getLastModifiedTime(file).toInstant();
        Instant start = end.minusNanos((long) (clip.seconds() * 1e9));
        var pipeline = new SensorPipeline(sensor, classifier, store, InstantSource.system(), ImpulseDetector.Settings.defaults());
        List<Detection> found = new ArrayList<>(pipeline.accept(clip.samples(), clip.sampleRate(), start));
        found.addAll(pipeline.finish());
        for (var event : found.stream().flatMap(d -> d.findEvent().stream()).toList()) {
            var json = EventJson.write(event);
            json.put("file", file.toString());
            System.out.println(Json.MAPPER.writeValueAsString(json));
        }
        return true;
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = {"Watch a folder for new WAV or FLAC files (complete once their size stops changing) and",
                    "print the events of each, one JSON per line, as 'detect' does."})
    static final class Watch implements Callable<Integer> {
        @Parameters(arity = "1", paramLabel = "DIR", description = "The folder recorders drop files into.")
        Path dir;

        @Option(names = "--interval", defaultValue = "PT2S", description = "Time between polls (default: ${DEFAULT-VALUE}).")
        java.time.Duration interval;

        @Option(names = "--polls", defaultValue = "0", description = "Stop after this many polls; 0: never (default).")
        long polls;

        @Mixin
        DetectorOptions detector;

        @Option(names = "--sensor", defaultValue = "folder", description = "Sensor id for the events (default: ${DEFAULT-VALUE}).")
        String sensorId;


        @Override
        public Integer call() throws IOException, InterruptedException {
            ImpulseClassifier classifier = classifier(detector.model);
            var store = new DirectoryEvidenceStore(detector.evidence);
            var sensor = new AcousticSensor(sensorId, detector.lat, detector.lon);
            var watch = new FolderWatch(dir);
            for (long n = 1; polls == 0 || n <= polls; n++) {
                for (Path file : watch.poll()) {
                    detect(file, sensor, classifier, store);
                }
                if (polls == 0 || n < polls) {
                    Thread.sleep(interval.toMillis()); // the pace of polling, not a wait for something to happen
                }
            }
            return 0;
        }
    }
}
