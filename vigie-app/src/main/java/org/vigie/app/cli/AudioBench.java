package org.vigie.app.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vigie.audio.classify.LogisticModel;
import org.vigie.audio.detect.ImpulseClassifier;
import org.vigie.audio.detect.ImpulseDetector;
import org.vigie.audio.detect.ImpulseFeatures;
import org.vigie.audio.detect.ImpulseRules;
import org.vigie.audio.detect.MelBands;
import org.vigie.audio.detect.Spectrum;
import org.vigie.audio.read.AudioClip;
import org.vigie.audio.read.AudioFiles;
import org.vigie.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Speed of the acoustic pipeline on one core, against the speed of merely decoding the same file in the same run:
 * {@code ratio} stays meaningful from one machine to another where the absolute figures do not.
 */
@Command(name = "audio", mixinStandardHelpOptions = true,
        description = {"Decode FILE and run the detection pipeline on it repeatedly on one thread; print JSON",
                "{read_x_realtime, pipeline_x_realtime, ratio}: seconds of audio handled per second of this thread's CPU."})
public final class AudioBench implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "FILE", description = "A WAV or FLAC file.")
    Path file;

    @Option(names = "--seconds", defaultValue = "3", description = "CPU time per phase (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--model", paramLabel = "MODEL", description = "A trained model; without it, the physics rules.")
    Path model;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ImpulseClassifier classifier = model == null ? new ImpulseRules() : LogisticModel.read(model);
        AudioClip clip = AudioFiles.decode(bytes, file.toString());
        long budget = (long) (seconds * 1e9);
        // Warm-up: let the JIT compile both paths before timing them.
        measure(() -> AudioFiles.decode(bytes, "bench"), budget / 3);
        measure(() -> pipeline(clip, classifier), budget / 3);
        double readRuns = measure(() -> AudioFiles.decode(bytes, "bench"), budget);
        int[] impulses = new int[1];
        double pipelineRuns = measure(() -> impulses[0] = pipeline(clip, classifier), budget);
        var json = Json.MAPPER.createObjectNode();
        double read = readRuns * clip.seconds();
        double pipeline = pipelineRuns * clip.seconds();
        json.put("read_x_realtime", Math.round(read));
        json.put("pipeline_x_realtime", Math.round(pipeline));
        json.put("ratio", Math.round(pipeline / read * 10000) / 10000.0);
        json.put("audio_seconds", clip.seconds());
        json.put("sample_rate", clip.sampleRate());
        json.put("impulses_per_run", impulses[0]);
        json.put("classifier", classifier.name());
        System.out.println(Json.MAPPER.writeValueAsString(json));
        return 0;
    }

    /** Detection, features and classification of every impulse: everything but the evidence write. */
    static int pipeline(AudioClip clip, ImpulseClassifier classifier) {
        var detector = new ImpulseDetector(clip.sampleRate());
        var spectrum = new Spectrum(clip.sampleRate());
        var mel = new MelBands(spectrum);
        int n = 0;
        float[] s = clip.samples();
        for (int i = 0; i < s.length; i += 2048) { // sensor-sized chunks, as a stream delivers them
            for (var impulse : detector.accept(s, i, Math.min(2048, s.length - i))) {
                classifier.classify(ImpulseFeatures.of(impulse, spectrum, mel));
                n++;
            }
        }
        for (var impulse : detector.finish()) {
            classifier.classify(ImpulseFeatures.of(impulse, spectrum, mel));
            n++;
        }
        return n;
    }

    interface Run {
        Object run() throws IOException;
    }

    /**
     * Runs per second of this thread's CPU time: "per core" even on a machine busy with other work, where wall time
     * would measure the neighbours.
     */
    private static double measure(Run run, long budgetNanos) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long runs = 0;
        long elapsed;
        do {
            run.run();
            runs++;
            elapsed = threads.getCurrentThreadCpuTime() - start;
        } while (elapsed < budgetNanos);
        return runs / (elapsed / 1e9);
    }
}
